package dev.weft.network;

import java.util.Locale;

/**
 * How a {@link FlowNetwork} re-shares bandwidth after a flow starts or ends or a capacity
 * changes.
 *
 * <p>{@link Mode#EXACT} keeps the weighted max-min fair allocation at every instant: the
 * re-solve spreads as far as the max-min conditions break, which on dense symmetric traffic is
 * most of the network.
 *
 * <p>{@link Mode#LOCAL} re-solves by progressive filling only the flows that cross a changed
 * link; every other flow keeps its rate and its usage is taken off the capacity of each link
 * it crosses. The allocation stays feasible (no link over capacity) but not max-min fair:
 * capacity freed on a link goes unused by flows bottlenecked elsewhere. So that the drift stays
 * bounded in simulated time, an exact full solve re-anchors the allocation {@code
 * reanchorInterval} seconds after the first local re-solve since the last exact one. No
 * re-anchor is pending while nothing has changed, so an idle network schedules nothing.
 *
 * @param reanchorInterval simulated seconds a local allocation may stand before an exact
 *     solve replaces it; unused by {@link Mode#EXACT}
 */
public record Sharing(Mode mode, double reanchorInterval) {

  /** The two re-sharing disciplines. */
  public enum Mode {
    EXACT,
    LOCAL
  }

  /** The default: exact max-min fairness at every instant. */
  public static final Sharing EXACT_MAX_MIN = new Sharing(Mode.EXACT, Double.POSITIVE_INFINITY);

  public Sharing {
    if (mode == null) {
      throw new IllegalArgumentException("sharing mode must be set");
    }
    if (mode == Mode.LOCAL
        && !(reanchorInterval > 0 && reanchorInterval < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("re-anchor interval must be finite and > 0, was "
          + reanchorInterval);
    }
  }

  /** Local re-solves with an exact re-anchor {@code reanchorInterval} seconds after drift. */
  public static Sharing local(double reanchorInterval) {
    return new Sharing(Mode.LOCAL, reanchorInterval);
  }

  /** From a scenario's name for the mode ({@code exact} or {@code local}). */
  public static Sharing of(String mode, double reanchorInterval) {
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "exact" -> EXACT_MAX_MIN;
      case "local" -> local(reanchorInterval);
      default -> throw new IllegalArgumentException("unknown sharing mode '" + mode
          + "'; known: exact, local");
    };
  }

  public boolean isLocal() {
    return mode == Mode.LOCAL;
  }
}
