package dev.weft.scenario;

/**
 * The token economy of a scenario: supply and price, emission, fees, rewards, staking, slashing,
 * verification, and the operators' costs and behaviours. Every section has defaults, so
 * {@code economics: {}} is a complete (fee-only, spot-checked) economy.
 */
@Doc("Token economics: supply, emission, fees, rewards, staking, slashing and verification.")
public record EconomicsConfig(
    @Doc("The token: symbol, genesis supply and price model.") @Default("{}") TokenConfig token,
    @Doc("How new tokens are minted.") @Default("{}") EmissionConfig emission,
    @Doc("What submitters pay for work and what is burned.") @Default("{}") FeesConfig fees,
    @Doc("How the reward pool is shared among roles.") @Default("{}") RewardsConfig rewards,
    @Doc("Bonding, unbonding and delegation.") @Default("{}") StakingConfig staking,
    @Doc("Penalties for downtime, missed deadlines and fraud.") @Default("{}")
        SlashingConfig slashing,
    @Doc("How results are checked.") @Default("{}") VerificationConfig verification,
    @Doc("Operators joining and leaving on profitability.") @Default("{}")
        OperatorsConfig operators,
    @Doc("Operators' fiat costs where the hardware catalog is silent.") @Default("{}")
        CostsConfig costs,
    @Doc("Parameters of the dishonest and faulty behaviours.") @Default("{}")
        BehavioursConfig behaviours,
    @Doc("Length of a reward epoch: emission, payouts, price and fee updates happen per epoch.")
        @Unit(Quantity.DURATION) @Default("1h") @Range(min = 0, minExclusive = true)
        double epoch) {}
