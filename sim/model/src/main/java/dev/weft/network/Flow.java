package dev.weft.network;

/**
 * One transfer: a handle the caller keeps to read progress or cancel it. Bulk state lives in the
 * owning {@link FlowNetwork}'s primitive arrays; this object holds identity and outcome.
 */
public final class Flow {

  /** Where a transfer is in its life. */
  public enum Status {
    /** Waiting out the one-way latency before its first byte loads a link. */
    LATENCY,
    /** Sharing bandwidth on its links. */
    ACTIVE,
    /**
     * Held off its links by a partition under the stall policy; resumes when it heals. (On a
     * link that is down a transfer stays ACTIVE at rate zero.)
     */
    STALLED,
    COMPLETED,
    FAILED,
    CANCELLED
  }

  /** Why a transfer failed. */
  public enum Failure {
    LINK_DOWN,
    NODE_DISCONNECTED,
    PARTITION
  }

  private final FlowNetwork network;
  private final long id;
  private final double bytes;
  private final double startTime;
  final FlowListener listener;
  int slot = -1;
  Status status = Status.LATENCY;
  Failure failure;
  double endTime = Double.NaN;
  double deliveredBits;
  int source = -1;
  int destination = -1;
  private Object attachment;

  Flow(FlowNetwork network, long id, double bytes, double startTime, FlowListener listener) {
    this.network = network;
    this.id = id;
    this.bytes = bytes;
    this.startTime = startTime;
    this.listener = listener;
  }

  /** Sequence number, unique within the network; ties in completion time go by it. */
  public long id() {
    return id;
  }

  public double bytes() {
    return bytes;
  }

  public double startTime() {
    return startTime;
  }

  /** Time it completed, failed or was cancelled; NaN while live. */
  public double endTime() {
    return endTime;
  }

  public Status status() {
    return status;
  }

  /** Why it failed, or null. */
  public Flow.Failure failure() {
    return failure;
  }

  public boolean isDone() {
    return status == Status.COMPLETED || status == Status.FAILED
        || status == Status.CANCELLED;
  }

  /** Sending node for transfers made by {@link Network}; -1 for bare link paths. */
  public int source() {
    return source;
  }

  /** Receiving node for transfers made by {@link Network}; -1 for bare link paths. */
  public int destination() {
    return destination;
  }

  /** Current payload rate in bits per second (0 unless active). */
  public double rate() {
    return network.rateOf(this);
  }

  /** Bytes still to deliver, exact at the current simulated time. */
  public double remainingBytes() {
    return network.remainingBitsOf(this) / 8;
  }

  /** Caller's own object riding along (a job, a request); not used by the network. */
  public Object attachment() {
    return attachment;
  }

  public Flow attach(Object value) {
    this.attachment = value;
    return this;
  }

  @Override
  public String toString() {
    return "flow " + id + " (" + status + ", " + bytes + " B)";
  }
}
