package dev.weft.run;

import dev.weft.economics.EconomyEvent;

/** What happened to a job or a node, as {@code trace.csv} names it. */
public enum TraceEvent {
  SUBMITTED("submitted"),
  QUEUED("queued"),
  STARTED("started"),
  /** An inference request's first output token is ready (the end of its prefill). */
  FIRST_TOKEN("first-token"),
  /** The engine's KV cache ran out: the request's cache is dropped, to be recomputed. */
  PREEMPTED("preempted"),
  /** The engine's KV cache ran out: the request's cache is copied to host memory (swap). */
  SWAPPED_OUT("swapped-out"),
  /** A swapped request's cache is copied back from host memory; it decodes again. */
  SWAPPED_IN("swapped-in"),
  COMPLETED("completed"),
  INTERRUPTED("interrupted"),
  FAILED("failed"),
  EXPIRED("expired"),
  /** An inference request larger than the node's KV cache could ever hold. */
  TOO_LARGE("too-large"),
  /** The node returned a wrong result or none (flaky, Sybil): the attempt is lost. */
  EXECUTION_FAILED("execution-failed"),
  TRANSFER_FAILED("transfer-failed"),
  /** A cold start: the node downloads the job's model weights. */
  WEIGHTS_DOWNLOAD("weights-download"),
  /** A checker's node starts re-executing a delivered result (the job's id) to verify it. */
  CHECK_STARTED("check-started"),
  /** The checker's re-execution finished and its result reached the comparison. */
  CHECK_DONE("check-done"),
  /** The checker's node left, or a transfer failed: the re-execution will not finish. */
  CHECK_DROPPED("check-dropped"),
  NODE_DOWN("node-down"),
  NODE_UP("node-up"),
  OPERATOR_LEFT("operator-left"),
  OPERATOR_JOINED("operator-joined"),
  /** The economy's events, with the operator as the node, named as EconomyEvent names them. */
  VERIFICATION(EconomyEvent.VERIFICATION),
  VERDICT_PASS(EconomyEvent.VERDICT_PASS),
  VERDICT_FAIL(EconomyEvent.VERDICT_FAIL),
  SLASH_DOWNTIME(EconomyEvent.SLASH_DOWNTIME),
  SLASH_DEADLINE(EconomyEvent.SLASH_DEADLINE),
  SLASH_FRAUD(EconomyEvent.SLASH_FRAUD),
  SLASH_CORRELATION(EconomyEvent.SLASH_CORRELATION),
  PAYMENT(EconomyEvent.PAYMENT);

  private final String id;

  TraceEvent(String id) {
    this.id = id;
  }

  /** The trace event of the economy's event {@code e}: its name, written once. */
  TraceEvent(EconomyEvent e) {
    this(e.id());
  }

  /** The name written to {@code trace.csv}. */
  public String id() {
    return id;
  }

  private static final TraceEvent[] OF_ECONOMY =
      new TraceEvent[EconomyEvent.values().length];

  static {
    for (EconomyEvent e : EconomyEvent.values()) {
      OF_ECONOMY[e.ordinal()] = valueOf(e.name());
    }
  }

  /** The trace event of an economy event (the same name). */
  static TraceEvent of(EconomyEvent e) {
    return OF_ECONOMY[e.ordinal()];
  }
}
