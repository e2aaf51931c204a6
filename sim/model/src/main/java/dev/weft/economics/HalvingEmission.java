package dev.weft.economics;

/**
 * Bitcoin-style halvings: the rate is r0 during the first interval, r0/2 during the second,
 * and so on. Amounts are exact across interval boundaries.
 */
public final class HalvingEmission implements EmissionPolicy {
  private final double perSecond;
  private final double interval;

  public HalvingEmission(double initialPerDay, double interval) {
    this.perSecond = initialPerDay / 86400.0;
    this.interval = interval;
  }

  @Override
  public double amount(double from, double to, double supply, double stakingRatio) {
    return total(to) - total(from);
  }

  /** Total minted over [0, t]: r0·T·(2 − 2^(1−k)) for k whole intervals, plus the part. */
  public double total(double t) {
    double k = Math.floor(t / interval);
    double whole = perSecond * interval * (2 - Math.pow(2, 1 - k));
    return whole + perSecond * Math.pow(2, -k) * (t - k * interval);
  }
}
