package dev.weft.workload;

/**
 * One unit of work from submission to its outcome: who asked for what (identity and demand) and
 * where it stands (queued, running, or its outcome). What an attempt holds while it runs (a
 * transfer, a place in a serving engine, a gang of nodes) belongs to the run, not to the job.
 * Mutable; owned by the run.
 */
public final class Job {

  /** Where a job is in its life. */
  public enum State {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    EXPIRED
  }

  private final long id;
  private final int workload;
  private final double submitted;
  private final double demand;
  private final boolean counted;
  private int promptTokens;
  private int outputTokens;
  private int origin = -1;
  private double inputBytes;
  private double outputBytes;
  private State state = State.QUEUED;
  private int attempts;
  private double started = Double.NaN;
  private double attemptStarted = Double.NaN;
  private int nodeId = -1;
  private double firstToken = Double.NaN;
  private double secondBid = Double.NaN;

  public Job(long id, int workload, double submitted, double demand, boolean counted) {
    this.id = id;
    this.workload = workload;
    this.submitted = submitted;
    this.demand = demand;
    this.counted = counted;
  }

  /** An inference request of {@code prompt} and {@code output} tokens. */
  public Job tokens(int prompt, int output) {
    this.promptTokens = prompt;
    this.outputTokens = output;
    return this;
  }

  /** Bytes sent to the node before the job starts and back after it ends. */
  public Job bytes(double input, double output) {
    this.inputBytes = input;
    this.outputBytes = output;
    return this;
  }

  /**
   * The cheapest competing bid (fiat per GPU-hour) when an auction last placed this job:
   * infinity when nobody else bid, NaN when no auction placed it. A second-price fee pays it.
   */
  public double secondBid() {
    return secondBid;
  }

  /** Records the auction's second price for this placement (see {@link #secondBid()}). */
  public void secondBid(double perGpuHour) {
    this.secondBid = perGpuHour;
  }

  /** The job was submitted in region {@code region} (an index of the run's region table). */
  public Job origin(int region) {
    this.origin = region;
    return this;
  }

  public int promptTokens() {
    return promptTokens;
  }

  public int outputTokens() {
    return outputTokens;
  }

  /** Region the job was submitted from; -1 without a network. */
  public int origin() {
    return origin;
  }

  public double inputBytes() {
    return inputBytes;
  }

  public double outputBytes() {
    return outputBytes;
  }

  /** When the first output token was ready (NaN before, or for non-inference jobs). */
  public double firstToken() {
    return firstToken;
  }

  public void firstTokenAt(double t) {
    if (Double.isNaN(firstToken)) {
      firstToken = t;
    }
  }

  public long id() {
    return id;
  }

  public int workload() {
    return workload;
  }

  public double submitted() {
    return submitted;
  }

  /** Service time on a node of speed 1 (steps, for training). */
  public double demand() {
    return demand;
  }

  /** Whether the job was submitted after warm-up and enters the statistics. */
  public boolean counted() {
    return counted;
  }

  public State state() {
    return state;
  }

  public boolean isWaiting() {
    return state == State.QUEUED;
  }

  public int attempts() {
    return attempts;
  }

  public double started() {
    return started;
  }

  /** When the current (or last) attempt started. */
  public double attemptStarted() {
    return attemptStarted;
  }

  /** The node running it, or whose queue or inbound transfer holds it; -1 when none. */
  public int nodeId() {
    return nodeId;
  }

  public void start(int node, double now) {
    if (state != State.QUEUED) {
      throw new IllegalStateException("job " + id + " cannot start from " + state);
    }
    state = State.RUNNING;
    nodeId = node;
    attempts++;
    attemptStarted = now;
    if (Double.isNaN(started)) {
      started = now; // wait is measured to the first start
    }
  }

  /** The job waits in node {@code node}'s local queue ({@code -1}: the central queue). */
  public void queueAt(int node) {
    if (state != State.QUEUED) {
      throw new IllegalStateException("job " + id + " cannot queue from " + state);
    }
    nodeId = node;
  }

  /** Back to the queue after its node failed. */
  public void requeue() {
    if (state != State.RUNNING) {
      throw new IllegalStateException("job " + id + " cannot be requeued from " + state);
    }
    state = State.QUEUED;
    nodeId = -1;
  }

  public void finish(State outcome) {
    if (outcome == State.QUEUED || outcome == State.RUNNING) {
      throw new IllegalArgumentException("not an outcome: " + outcome);
    }
    if (state != State.QUEUED && state != State.RUNNING) {
      throw new IllegalStateException("job " + id + " already ended as " + state);
    }
    state = outcome;
  }
}
