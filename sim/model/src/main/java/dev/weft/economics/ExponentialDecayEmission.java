package dev.weft.economics;

/**
 * Emission rate r(t) = r0 · 2^(−t/H): the rate halves every half-life H, continuously. The
 * amount over an interval is the exact integral, so the total after t is r0·H/ln2·(1 − 2^(−t/H))
 * whatever the epoch length.
 */
public final class ExponentialDecayEmission implements EmissionPolicy {
  private final double perSecond;
  private final double halfLife;

  public ExponentialDecayEmission(double initialPerDay, double halfLife) {
    this.perSecond = initialPerDay / 86400.0;
    this.halfLife = halfLife;
  }

  @Override
  public double amount(double from, double to, double supply, double stakingRatio) {
    double scale = perSecond * halfLife / Math.log(2);
    return scale * (Math.pow(2, -from / halfLife) - Math.pow(2, -to / halfLife));
  }

  /** Closed form of the total minted over [0, t]. */
  public double total(double t) {
    return perSecond * halfLife / Math.log(2) * (1 - Math.pow(2, -t / halfLife));
  }
}
