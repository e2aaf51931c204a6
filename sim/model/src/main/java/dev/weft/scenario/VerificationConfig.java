package dev.weft.scenario;

/** How results are checked: spot checks, k-of-n redundancy, or optimistic with a challenge. */
@Doc("Verification.")
public record VerificationConfig(
    @Doc("none, spot-check, redundancy or optimistic.") @Default("spot-check") String policy,
    @Doc("spot-check, optimistic: probability a job is re-executed by a verifier.")
        @Default("0.05") @Range(min = 0, max = 1) double spotCheckRate,
    @Doc("redundancy: executions per job (n), the original included.") @Default("3")
        @Range(min = 1) int replicas,
    @Doc("redundancy: matching results needed to accept one (k).") @Default("2")
        @Range(min = 1) int quorum,
    @Doc("optimistic: fees stay in escrow this long, open to challenge.")
        @Unit(Quantity.DURATION) @Default("1d") @Range(min = 0) double challengePeriod,
    @Doc("spot-check, redundancy: time from completion to the verdict.")
        @Unit(Quantity.DURATION) @Default("0") @Range(min = 0) double delay,
    @Doc("Probability an honest result mismatches a re-execution (GPU nondeterminism).")
        @Default("0") @Range(min = 0, max = 1) double falseAlarmRate) {

  public VerificationConfig {
    if (quorum > replicas) {
      throw new IllegalArgumentException("quorum " + quorum + " exceeds replicas " + replicas);
    }
  }
}
