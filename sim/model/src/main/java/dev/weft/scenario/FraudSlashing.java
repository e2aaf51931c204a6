package dev.weft.scenario;

/**
 * Slashing for a result that failed verification: an initial penalty, then an Ethereum-style
 * correlation penalty {@code stake * min(multiplier * S, B) / B} one window later, where S is
 * the stake of operators slashed for fraud within a window either side and B the total stake.
 */
@Doc("Fraud slashing.")
public record FraudSlashing(
    @Doc("Fraction of stake slashed at once.") @Default("0.05") @Range(min = 0, max = 1)
        double penalty,
    @Doc("Half-width of the window of correlated slashings; 0 turns the penalty off.")
        @Unit(Quantity.DURATION) @Default("18d") @Range(min = 0) double correlationWindow,
    @Doc("Multiplier on the stake slashed in the window (Ethereum: 3).") @Default("3")
        @Range(min = 0) double correlationMultiplier,
    @Doc("Time the operator is jailed after a fraud slash.") @Unit(Quantity.DURATION)
        @Default("7d") @Range(min = 0) double jail) {}
