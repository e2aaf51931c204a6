package dev.weft.run;

/**
 * The compute verification cost in the measured window (after warm-up; an execution is counted
 * when it ends), see METRICS.md "Verification compute".
 *
 * @param ordered re-executions the economy's checkers were asked to run on their nodes
 * @param completed re-executions that ran to the end and returned their result
 * @param dropped re-executions lost with their node or a failed transfer (the verdict stands)
 * @param gpuHours GPU-hours the completed re-executions occupied on the checkers' nodes
 * @param workGpuHours GPU-hours of the submitters' executions that did the compute
 * @param skipped executions answered with junk at once, without the compute (lazy, colluding)
 * @param skippedGpuHours GPU-hours those executions claimed and did not spend
 */
public record VerificationStats(long ordered, long completed, long dropped, double gpuHours,
    double workGpuHours, long skipped, double skippedGpuHours) {

  /** No verification compute (no economy, or nothing was checked). */
  public static final VerificationStats NONE = new VerificationStats(0, 0, 0, 0, 0, 0, 0);

  /** Share of the compute spent in the window that went to re-executions; 0 when none. */
  public double shareOfCompute() {
    double all = gpuHours + workGpuHours;
    return all > 0 ? gpuHours / all : 0;
  }
}
