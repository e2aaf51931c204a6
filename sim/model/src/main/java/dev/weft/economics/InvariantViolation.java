package dev.weft.economics;

/**
 * A broken invariant of the economy (conservation of supply, a negative balance): names the
 * invariant, the simulated time and the account or operator, so a failing run says where it
 * went wrong. Always a bug in the model or its driver, never bad input.
 */
public final class InvariantViolation extends RuntimeException {
  private final String invariant;
  private final double time;
  private final String entity;

  public InvariantViolation(String invariant, double time, String entity, String detail) {
    super("invariant '" + invariant + "' violated at t=" + time + "s by " + entity + ": "
        + detail);
    this.invariant = invariant;
    this.time = time;
    this.entity = entity;
  }

  public String invariant() {
    return invariant;
  }

  public double time() {
    return time;
  }

  public String entity() {
    return entity;
  }
}
