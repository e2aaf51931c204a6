package dev.weft.scenario;

/** A node's access link: upload and download capacity, which may differ (home links do). */
@Doc("A node's access link.")
public record Link(
    @Doc("Upload capacity.") @Unit(Quantity.BANDWIDTH) @Range(min = 0, minExclusive = true)
        double up,
    @Doc("Download capacity.") @Unit(Quantity.BANDWIDTH) @Range(min = 0, minExclusive = true)
        double down) {}
