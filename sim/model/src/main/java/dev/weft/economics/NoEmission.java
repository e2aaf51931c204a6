package dev.weft.economics;

/** Nothing is minted: rewards come from fees only. */
public final class NoEmission implements EmissionPolicy {
  @Override
  public double amount(double from, double to, double supply, double stakingRatio) {
    return 0;
  }
}
