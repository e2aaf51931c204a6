package dev.weft.scenario;

/** How a churning node's up/down cycle begins at time 0. */
public enum ChurnStart implements Named {
  /**
   * In equilibrium: offline with probability E[down] / (E[up] + E[down]), for the residual of
   * a length-biased period, so time 0 looks like any later instant and availability needs no
   * warm-up.
   */
  STATIONARY("stationary"),
  /** Every node online with a fresh up period: a fleet switched on together at time 0. */
  UP("up");

  private final String id;

  ChurnStart(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
