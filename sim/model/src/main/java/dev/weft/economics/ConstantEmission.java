package dev.weft.economics;

/** A fixed number of tokens per day (Render's fixed emission for burn-and-mint). */
public final class ConstantEmission implements EmissionPolicy {
  private final double perSecond;

  public ConstantEmission(double perDay) {
    this.perSecond = perDay / 86400.0;
  }

  @Override
  public double amount(double from, double to, double supply, double stakingRatio) {
    return perSecond * (to - from);
  }
}
