package dev.weft.economics;

import java.util.List;

/**
 * A price read from a list of (time, price) points: held flat before the first and after the
 * last, and between points either held (step) or interpolated linearly.
 */
public final class TracePrice implements PriceModel {
  private final double[] times;
  private final double[] prices;
  private final boolean linear;
  private int at;
  private double price;

  public TracePrice(List<Double> times, List<Double> prices, boolean linear) {
    if (times.isEmpty() || times.size() != prices.size()) {
      throw new IllegalArgumentException("a price trace needs at least one (time, price) point");
    }
    this.times = times.stream().mapToDouble(Double::doubleValue).toArray();
    this.prices = prices.stream().mapToDouble(Double::doubleValue).toArray();
    this.linear = linear;
    this.price = this.prices[0];
  }

  @Override
  public double advance(double now) {
    while (at + 1 < times.length && times[at + 1] <= now) {
      at++;
    }
    if (now <= times[0]) {
      price = prices[0];
    } else if (at + 1 >= times.length || !linear) {
      price = prices[at];
    } else {
      double f = (now - times[at]) / (times[at + 1] - times[at]);
      price = prices[at] + f * (prices[at + 1] - prices[at]);
    }
    return price;
  }

  @Override
  public double price() {
    return price;
  }
}
