package dev.weft.scenario;

/** Alternating up and down periods of a node (churn); running work fails when a node drops. */
@Doc("Alternating online and offline periods.")
public record Availability(
    @Doc("Time online before going offline.") @Unit(Quantity.DURATION) DistSpec uptime,
    @Doc("Time offline before coming back.") @Unit(Quantity.DURATION) DistSpec downtime,
    @Doc("How the cycle begins at time 0: stationary (in equilibrium, no warm-up needed) or up"
        + " (every node online with a fresh up period, as a fleet switched on together).")
        @Default("stationary") ChurnStart start) {

  /** A cycle that starts in equilibrium. */
  public Availability(DistSpec uptime, DistSpec downtime) {
    this(uptime, downtime, ChurnStart.STATIONARY);
  }
}
