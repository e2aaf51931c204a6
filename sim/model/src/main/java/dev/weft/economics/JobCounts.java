package dev.weft.economics;

/**
 * Job and check counts for the summary, written by the per-job path ({@link Jobs}, {@link
 * Checks}) and the missed-deadline report, read once by {@link SummaryBuilder}.
 */
final class JobCounts {
  long completed;
  long failed;
  long paid;
  long rejected;
  long junk;
  long junkAccepted;
  long junkCaught;
  long falseRejections;
  long checks;
  long refereeRuns;
  long missedDeadlines;
  double refereeGpuSeconds;
  long unpaidUnits;
  double feesFiat;
  /** Fraud penalties imposed at verdicts, and those of them on a correct result. */
  long fraudSlashes;
  long falseFraudSlashes;
  /** GPU-seconds of re-execution the verification plans ordered (referee runs apart). */
  double verificationGpuSeconds;
  /** GPU-seconds of work delivered. */
  double gpuSeconds;

  /** Forgets the counts so far: the measured window opens (end of warm-up). */
  void restart() {
    completed = failed = paid = rejected = junk = junkAccepted = junkCaught = 0;
    falseRejections = checks = refereeRuns = missedDeadlines = unpaidUnits = 0;
    refereeGpuSeconds = feesFiat = verificationGpuSeconds = gpuSeconds = 0;
    fraudSlashes = falseFraudSlashes = 0;
  }
}
