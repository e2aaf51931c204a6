package dev.weft.scenario;

/** Slashing per job whose deadline passed while the operator held it. */
@Doc("Missed-deadline slashing.")
public record DeadlineSlashing(
    @Doc("Fraction of stake slashed per missed deadline.") @Default("0")
        @Range(min = 0, max = 1) double penalty) {}
