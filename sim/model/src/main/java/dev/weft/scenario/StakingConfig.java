package dev.weft.scenario;

/** Bonding rules: the minimum stake to serve, the unbonding period, and delegation. */
@Doc("Staking.")
public record StakingConfig(
    @Doc("Bonded tokens an operator needs to be selected.") @Default("0") @Range(min = 0)
        double minimum,
    @Doc("Time unbonding stake stays in escrow (and slashable) before it is liquid.")
        @Unit(Quantity.DURATION) @Default("14d") @Range(min = 0) double unbonding,
    @Doc("Stake delegated to each operator at genesis, as a multiple of its own stake.")
        @Default("0") @Range(min = 0) double delegation,
    @Doc("Operator's commission on the rewards earned by delegated stake.") @Default("0.1")
        @Range(min = 0, max = 1) double commission) {}
