package dev.weft.economics;

/**
 * Livepeer-style inflation steering toward a target staking ratio: at each round (epoch) the
 * yearly inflation rises by a fixed step while the staking ratio is below target and falls by
 * it while above (unchanged when equal), within bounds; then that round mints supply × inflation
 * × round length / year. The step comes first, as Livepeer sets the round's inflation before
 * computing the mintable tokens.
 */
public final class AdaptiveInflation implements EmissionPolicy {
  private final double step;
  private final double target;
  private final double min;
  private final double max;
  private double inflation;

  public AdaptiveInflation(double initial, double step, double target, double min, double max) {
    this.inflation = initial;
    this.step = step;
    this.target = target;
    this.min = min;
    this.max = max;
  }

  @Override
  public double amount(double from, double to, double supply, double stakingRatio) {
    if (stakingRatio < target) {
      inflation = Math.min(max, inflation + step);
    } else if (stakingRatio > target) {
      inflation = Math.max(min, inflation - step);
    }
    return supply * inflation * (to - from) / YEAR;
  }

  /** Continues from the inflation {@code previous} reached, within this policy's bounds. */
  @Override
  public void carryOver(EmissionPolicy previous) {
    double rate = previous.inflationRate();
    if (!Double.isNaN(rate)) {
      inflation = Math.max(min, Math.min(max, rate));
    }
  }

  @Override
  public double inflationRate() {
    return inflation;
  }
}
