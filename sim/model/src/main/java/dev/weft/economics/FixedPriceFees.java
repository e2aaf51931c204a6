package dev.weft.economics;

/**
 * The list price in fiat, converted at the current token price; a share is burned, the rest
 * pooled, and an optional fiat tip per GPU-hour goes to the operator.
 */
public final class FixedPriceFees implements FeePolicy {
  private final double burn;
  private final double tipPerGpuHour;

  public FixedPriceFees(double burn, double tipPerGpuHour) {
    this.burn = burn;
    this.tipPerGpuHour = tipPerGpuHour;
  }

  @Override
  public void quote(int operator, double gpuSeconds, double fiatValue, double tokenPrice,
      Quote out) {
    out.charge = fiatValue / tokenPrice;
    out.burnShare = burn;
    out.tip = tipPerGpuHour * gpuSeconds / 3600 / tokenPrice;
  }
}
