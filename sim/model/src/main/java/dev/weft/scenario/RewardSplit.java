package dev.weft.scenario;

/** Shares of the reward pool per role; a governance parameter that must sum to 1. */
@Doc("Shares of the reward pool per role, summing to 1.")
public record RewardSplit(
    @Doc("Paid pro rata to verified work.") @Default("0.7") @Range(min = 0, max = 1)
        double compute,
    @Doc("Paid pro rata to verification work.") @Default("0.1") @Range(min = 0, max = 1)
        double verifiers,
    @Doc("Kept by the protocol treasury.") @Default("0.2") @Range(min = 0, max = 1)
        double treasury,
    @Doc("Paid to operators whose epoch availability meets the downtime threshold.")
        @Default("0") @Range(min = 0, max = 1) double availability) {

  public RewardSplit {
    double sum = compute + verifiers + treasury + availability;
    if (Math.abs(sum - 1.0) > 1e-9) {
      throw new IllegalArgumentException("reward split must sum to 1, got " + sum
          + " (compute " + compute + " + verifiers " + verifiers + " + treasury " + treasury
          + " + availability " + availability + ")");
    }
  }
}
