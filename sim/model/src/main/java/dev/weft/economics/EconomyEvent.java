package dev.weft.economics;

/** What happened to an operator in the economy, as {@code trace.csv} names it. */
public enum EconomyEvent {
  /** The operator was drawn to re-execute another operator's job as its checker. */
  VERIFICATION("verification"),
  /** A verdict on the operator's result (executor or checker) passed. */
  VERDICT_PASS("verdict-pass"),
  /** A verdict on the operator's result failed: a fraud penalty follows. */
  VERDICT_FAIL("verdict-fail"),
  SLASH_DOWNTIME("slash-downtime"),
  SLASH_DEADLINE("slash-deadline"),
  SLASH_FRAUD("slash-fraud"),
  SLASH_CORRELATION("slash-correlation"),
  /** Tokens reached the operator: a reward payout, a tip or a whistleblower share. */
  PAYMENT("payment");

  private final String id;

  EconomyEvent(String id) {
    this.id = id;
  }

  /** The name written to {@code trace.csv}. */
  public String id() {
    return id;
  }

  /** The slash event of a slashing cause. */
  static EconomyEvent slash(Cause c) {
    return switch (c) {
      case SLASH_DOWNTIME -> SLASH_DOWNTIME;
      case SLASH_DEADLINE -> SLASH_DEADLINE;
      case SLASH_CORRELATION -> SLASH_CORRELATION;
      default -> SLASH_FRAUD;
    };
  }

  /**
   * Hears the economy's per-operator events when a trace is asked for. Called in the middle of
   * the economy's steps: it may record, but not report events back to the economy.
   */
  @FunctionalInterface
  public interface Listener {
    /** Hears nothing. */
    Listener NONE = (time, event, operator, tokens) -> { };

    /** {@code event} happened to {@code operator} at {@code time}, moving {@code tokens}. */
    void event(double time, EconomyEvent event, int operator, double tokens);
  }
}
