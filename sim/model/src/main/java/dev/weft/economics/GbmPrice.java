package dev.weft.economics;

import dev.weft.random.Distribution;
import dev.weft.random.Distributions;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Geometric Brownian motion with drift μ and volatility σ per year, stepped exactly: S(t+Δ) =
 * S(t)·exp((μ − σ²/2)Δ + σ√Δ·Z), Z standard normal, so the law of S at any time does not depend
 * on the epoch length (no Euler discretization error).
 */
public final class GbmPrice implements PriceModel {
  private final double drift;
  private final double volatility;
  private final Distribution.Sampler normal;
  private double price;
  private double last;

  public GbmPrice(double start, double drift, double volatility, UniformRandomProvider rng) {
    this.price = start;
    this.drift = drift;
    this.volatility = volatility;
    this.normal = Distributions.normal(0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
        .sampler(rng);
  }

  @Override
  public double advance(double now) {
    double dt = (now - last) / EmissionPolicy.YEAR;
    if (dt > 0) {
      double z = normal.sample();
      price *= Math.exp((drift - volatility * volatility / 2) * dt
          + volatility * Math.sqrt(dt) * z);
      last = now;
    }
    return price;
  }

  @Override
  public double price() {
    return price;
  }
}
