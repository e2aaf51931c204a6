package dev.weft.scenario;

/** How a workload's jobs arrive. */
public enum ArrivalProcess implements Named {
  /** Exponential gaps at a rate. */
  POISSON("poisson"),
  /** Independent gaps from a given distribution. */
  RENEWAL("renewal"),
  /** Replay of a request trace's arrival times and token counts. */
  TRACE("trace");

  private final String id;

  ArrivalProcess(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
