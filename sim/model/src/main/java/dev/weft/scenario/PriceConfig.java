package dev.weft.scenario;

import java.util.List;

/**
 * The fiat price of a token: constant, geometric Brownian motion (drift and volatility per
 * year), a trace of (time, price) points, or endogenous: a constant-product market (amm) moved
 * by the economy's purchases and sales.
 */
@Doc("Token price model.")
public record PriceConfig(
    @Doc("constant, gbm, trace or amm.") @Default("constant") String model,
    @Doc("Price at time 0, in fiat.") @Default("1") @Range(min = 0, minExclusive = true)
        double start,
    @Doc("gbm: expected log-return drift per year (mu).") @Default("0") double drift,
    @Doc("gbm: volatility per square-root year (sigma).") @Default("0.8") @Range(min = 0)
        double volatility,
    @Doc("trace: times of the points, ascending.") @Unit(Quantity.DURATION)
        @Default(Default.NONE) List<Double> times,
    @Doc("trace: prices at those times.") @Default(Default.NONE) List<Double> prices,
    @Doc("trace: step (hold the last point) or linear.") @Default("linear")
        String interpolation,
    @Doc("amm: tokens in the constant-product pool at genesis (its fiat side is this times"
        + " start); the smaller, the more trades move the price.") @Default("1e7")
        @Range(min = 0, minExclusive = true) double liquidity) {

  public PriceConfig {
    times = times == null ? List.of() : List.copyOf(times);
    prices = prices == null ? List.of() : List.copyOf(prices);
    if (times.size() != prices.size()) {
      throw new IllegalArgumentException("price trace needs as many prices as times, got "
          + prices.size() + " prices and " + times.size() + " times");
    }
    for (int i = 0; i < times.size(); i++) {
      if (i > 0 && !(times.get(i) > times.get(i - 1))) {
        throw new IllegalArgumentException("price trace times must increase, found "
            + times.get(i) + " after " + times.get(i - 1));
      }
      if (!(prices.get(i) > 0)) {
        throw new IllegalArgumentException("price trace prices must be > 0, found "
            + prices.get(i));
      }
    }
  }

  public static PriceConfig constant(double price) {
    return new PriceConfig("constant", price, 0, 0, null, null, "linear", 1e7);
  }
}
