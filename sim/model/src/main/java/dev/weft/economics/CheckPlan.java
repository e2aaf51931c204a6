package dev.weft.economics;

/**
 * A verification policy's decision for one completed job, reused across jobs: how many extra
 * executions check it, whether they vote (k-of-n) or a verifier compares, and how long until
 * the verdict (and the payment) is known.
 */
public final class CheckPlan {
  /** Extra executions of the job: 0 means it is accepted unchecked. */
  public int extraExecutions;
  /** Matching results needed to accept one, counting the original; 0: a verifier compares. */
  public int quorum;
  /** Seconds from completion to the verdict; the fee stays in escrow meanwhile. */
  public double delay;

  void set(int extraExecutions, int quorum, double delay) {
    this.extraExecutions = extraExecutions;
    this.quorum = quorum;
    this.delay = delay;
  }
}
