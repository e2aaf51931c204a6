package dev.weft.scenario;

/** What a scheduled fault ({@link FaultEvent}) does. */
public enum FaultKind implements Named {
  /** Every node in the listed regions goes offline for the fault's duration (a network). */
  REGION("region"),
  /** Every node of one class goes offline at once: a correlated failure (a bad driver). */
  CLASS("class"),
  /**
   * A share of the operators is slashed at once as for fraud, with the fraud penalty, jail and
   * correlation penalty of the economics section: a mass slashing (a client bug that made many
   * operators sign wrong results together).
   */
  SLASH("slash");

  private final String id;

  FaultKind(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
