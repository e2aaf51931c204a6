package dev.weft.scenario;

/** Penalties on stake and where slashed tokens go. */
@Doc("Slashing.")
public record SlashingConfig(
    @Doc("Penalty for epoch availability below a threshold.") @Default("{}")
        DowntimeSlashing downtime,
    @Doc("Penalty per missed job deadline.") @Default("{}") DeadlineSlashing deadline,
    @Doc("Penalty for a result that failed verification.") @Default("{}") FraudSlashing fraud,
    @Doc("Where slashed tokens go: burn or treasury.") @Default("burn") String destination,
    @Doc("Share of a fraud slash paid to the verifier that caught it.") @Default("0")
        @Range(min = 0, max = 1) double whistleblowerShare) {}
