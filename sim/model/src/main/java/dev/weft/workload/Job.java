package dev.weft.workload;

/** One unit of work from submission to its outcome. Mutable; owned by the run. */
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
  private State state = State.QUEUED;
  private int attempts;
  private double started = Double.NaN;
  private double attemptStarted = Double.NaN;
  private int nodeId = -1;
  private int promptTokens;
  private int outputTokens;
  private double firstToken = Double.NaN;
  /** Network phase: 0 none, 1 input transfer, 2 waiting for model weights, 3 output transfer. */
  public int networkPhase;
  /** The transfer in progress for this job, when there is one. */
  public Object flow;
  /** Seconds this job has spent in transfers and weight downloads so far. */
  public double networkSeconds;
  public double networkPhaseStart;
  public int origin = -1;
  /** Transfers of this job that failed (input or weights); beyond the retries the job fails. */
  public int transferFailures;
  public double inputBytes;
  public double outputBytes;
  /** The run's handle on this job inside a node's serving engine, when it is in one. */
  public Object servingHandle;
  /** The run's handle on an attempt spread over several nodes (data-parallel training). */
  public Object gang;
  /** Engine handles of the pending completion and deadline events; -1 when none. */
  public long completionHandle = -1;
  public long deadlineHandle = -1;

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

  public int promptTokens() {
    return promptTokens;
  }

  public int outputTokens() {
    return outputTokens;
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

  /** Service time on a node of speed 1. */
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
