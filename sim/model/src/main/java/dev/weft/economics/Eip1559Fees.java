package dev.weft.economics;

/**
 * An EIP-1559 base fee in tokens per GPU-hour, one "block" per epoch: after each epoch it moves
 * by baseFee · (u − target) / target / denominator, the ratio clamped to [−1, 1] so no update
 * exceeds 1/denominator (±12.5% at the default 8, as in Ethereum where a full block is twice
 * the target). The base fee starts at the list price converted at the starting token price and
 * never falls below one base unit. A share of it is burned (1 in Ethereum); the tip, set in
 * fiat, goes to the operator.
 */
public final class Eip1559Fees implements FeePolicy {
  private final double target;
  private final double denominator;
  private final double burn;
  private final double tipPerGpuHour;
  private final double floor;
  private double baseFee;

  public Eip1559Fees(double initialBaseFee, double target, int denominator, double burn,
      double tipPerGpuHour, double floor) {
    this.baseFee = Math.max(floor, initialBaseFee);
    this.target = target;
    this.denominator = denominator;
    this.burn = burn;
    this.tipPerGpuHour = tipPerGpuHour;
    this.floor = floor;
  }

  @Override
  public void quote(int operator, double gpuSeconds, double fiatValue, double tokenPrice,
      Quote out) {
    out.charge = baseFee * gpuSeconds / 3600;
    out.burnShare = burn;
    out.tip = tipPerGpuHour * gpuSeconds / 3600 / tokenPrice;
  }

  @Override
  public void endEpoch(double utilization) {
    double ratio = Math.max(-1, Math.min(1, (utilization - target) / target));
    baseFee = Math.max(floor, baseFee + baseFee * ratio / denominator);
  }

  @Override
  public double baseFee() {
    return baseFee;
  }
}
