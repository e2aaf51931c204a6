package dev.weft.scenario;

/**
 * How new tokens are minted into the reward pool: a schedule by name and its parameters, and an
 * optional hard cap on total supply that every schedule respects.
 */
@Doc("Emission schedule.")
public record EmissionConfig(
    @Doc("none, constant, exponential-decay, halving or adaptive.") @Default("constant")
        String schedule,
    @Doc("Tokens minted per day at time 0 (constant, exponential-decay, halving).")
        @Default("0") @Range(min = 0) double initialPerDay,
    @Doc("exponential-decay: time for the emission rate to halve.") @Unit(Quantity.DURATION)
        @Default("365d") @Range(min = 0, minExclusive = true) double halfLife,
    @Doc("halving: the rate halves at the end of each interval.") @Unit(Quantity.DURATION)
        @Default("1460d") @Range(min = 0, minExclusive = true) double halvingInterval,
    @Doc("Hard cap: minting stops while supply would exceed it.") @Default(Default.NONE)
        @Range(min = 0) Double maxSupply,
    @Doc("adaptive: starting inflation, a fraction of supply per year.") @Default("0.05")
        @Range(min = 0) double inflation,
    @Doc("adaptive: change of the yearly inflation per epoch (round).") @Default("0.0001")
        @Range(min = 0) double inflationStep,
    @Doc("adaptive: staking ratio the inflation steers toward.") @Default("0.5")
        @Range(min = 0, max = 1) double targetStakingRatio,
    @Doc("adaptive: lower bound of the yearly inflation.") @Default("0") @Range(min = 0)
        double minInflation,
    @Doc("adaptive: upper bound of the yearly inflation.") @Default("1") @Range(min = 0)
        double maxInflation) {

  public EmissionConfig {
    if (minInflation > maxInflation) {
      throw new IllegalArgumentException("minInflation " + minInflation
          + " is above maxInflation " + maxInflation);
    }
  }
}
