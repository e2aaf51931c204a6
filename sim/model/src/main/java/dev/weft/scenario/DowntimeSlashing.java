package dev.weft.scenario;

/**
 * Slashing for availability below a threshold over an epoch: a fraction of stake per hour of
 * the downtime beyond the allowance, so penalties follow the fault, not the epoch count.
 */
@Doc("Downtime slashing.")
public record DowntimeSlashing(
    @Doc("Minimum fraction of the epoch an operator must be online.") @Default("0.9")
        @Range(min = 0, max = 1) double threshold,
    @Doc("Fraction of stake slashed per hour offline beyond the allowance (1 - threshold) of"
        + " the epoch, so the same outages cost the same at any epoch length.") @Default("0.01")
        @Range(min = 0, max = 1) double penalty,
    @Doc("Time the operator is jailed (not selectable) after the slash.")
        @Unit(Quantity.DURATION) @Default("0") @Range(min = 0) double jail) {}
