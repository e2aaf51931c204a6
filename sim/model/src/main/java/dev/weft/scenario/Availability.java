package dev.weft.scenario;

/** Alternating up and down periods of a node (churn); running work fails when a node drops. */
@Doc("Alternating online and offline periods.")
public record Availability(
    @Doc("Time online before going offline.") @Unit(Quantity.DURATION) DistSpec uptime,
    @Doc("Time offline before coming back.") @Unit(Quantity.DURATION) DistSpec downtime) {}
