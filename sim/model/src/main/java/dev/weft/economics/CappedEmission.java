package dev.weft.economics;

/**
 * A hard cap on supply around any schedule: minting stops while supply would exceed the cap
 * (and resumes if burning brings supply back below it, as under burn-and-mint).
 */
public final class CappedEmission implements EmissionPolicy {
  private final EmissionPolicy inner;
  private final double maxSupply;

  public CappedEmission(EmissionPolicy inner, double maxSupply) {
    this.inner = inner;
    this.maxSupply = maxSupply;
  }

  @Override
  public double amount(double from, double to, double supply, double stakingRatio) {
    double a = inner.amount(from, to, supply, stakingRatio);
    return Math.max(0, Math.min(a, maxSupply - supply));
  }

  @Override
  public void carryOver(EmissionPolicy previous) {
    inner.carryOver(previous);
  }

  public double maxSupply() {
    return maxSupply;
  }

  @Override
  public double inflationRate() {
    return inner.inflationRate();
  }
}
