package dev.weft.random;

import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.ParetoDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;

/**
 * Factories for the distributions of the scenario format, backed by Commons Statistics. Each
 * knows its length-biased form ({@link Distribution#lengthBiased}): exponential(m) gives
 * gamma(2, m), gamma(k, s) gives gamma(k + 1, s), lognormal(mu, sigma) gives lognormal(mu +
 * sigma^2, sigma), Pareto(alpha, xm) gives Pareto(alpha - 1, xm) for alpha above 1, a constant
 * itself, an empirical list its values weighted by their size; uniform, Weibull and normal in
 * {@link LengthBiased}.
 */
public final class Distributions {

  private Distributions() {}

  public static Distribution constant(double value) {
    return new Constant(value);
  }

  public static Distribution exponential(double mean) {
    requirePositive("mean", mean);
    return new Library(ExponentialDistribution.of(mean), "exponential(mean=" + mean + ")",
        () -> gamma(2, mean));
  }

  /** Gamma with the given shape and scale (mean shape * scale). */
  public static Distribution gamma(double shape, double scale) {
    requirePositive("shape", shape);
    requirePositive("scale", scale);
    return new Library(GammaDistribution.of(shape, scale), "gamma",
        () -> gamma(shape + 1, scale));
  }

  public static Distribution uniform(double min, double max) {
    if (!(min < max)) {
      throw new IllegalArgumentException("uniform needs min < max, got " + min + ", " + max);
    }
    return new Library(UniformContinuousDistribution.of(min, max), "uniform",
        () -> LengthBiased.uniform(min, max));
  }

  /** Normal, optionally truncated to [min, max] (infinite bounds allowed). */
  public static Distribution normal(double mean, double sd, double min, double max) {
    requirePositive("sd", sd);
    if (min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY) {
      return new Library(NormalDistribution.of(mean, sd), "normal",
          () -> LengthBiased.normal(mean, sd, min, max));
    }
    if (!(min < max)) {
      throw new IllegalArgumentException("normal truncation needs min < max");
    }
    return new Library(TruncatedNormalDistribution.of(mean, sd, min, max), "truncated normal",
        () -> LengthBiased.normal(mean, sd, min, max));
  }

  /** Lognormal with the given median and shape sigma (of the underlying normal). */
  public static Distribution lognormalMedian(double median, double sigma) {
    requirePositive("median", median);
    requirePositive("sigma", sigma);
    return lognormal(Math.log(median), sigma);
  }

  /** Lognormal with the given mean and standard deviation of the variable itself. */
  public static Distribution lognormalMeanSd(double mean, double sd) {
    requirePositive("mean", mean);
    requirePositive("sd", sd);
    double s2 = Math.log1p((sd * sd) / (mean * mean));
    double mu = Math.log(mean) - s2 / 2;
    return lognormal(mu, Math.sqrt(s2));
  }

  private static Distribution lognormal(double mu, double sigma) {
    return new Library(LogNormalDistribution.of(mu, sigma), "lognormal",
        () -> lognormal(mu + sigma * sigma, sigma));
  }

  public static Distribution weibull(double shape, double scale) {
    requirePositive("shape", shape);
    requirePositive("scale", scale);
    return new Library(WeibullDistribution.of(shape, scale), "weibull",
        () -> LengthBiased.weibull(shape, scale));
  }

  public static Distribution pareto(double shape, double scale) {
    requirePositive("shape", shape);
    requirePositive("scale", scale);
    return new Library(ParetoDistribution.of(scale, shape), "pareto",
        () -> shape > 1 ? pareto(shape - 1, scale) : null);
  }

  /** Each listed value equally likely (repeat a value to weight it). */
  public static Distribution empirical(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("empirical needs at least one value");
    }
    return new Empirical(values.clone());
  }

  private static void requirePositive(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a positive finite number, got " + v);
    }
  }

  private record Constant(double value) implements Distribution {
    @Override
    public Sampler sampler(UniformRandomProvider rng) {
      return () -> value;
    }

    @Override
    public double mean() {
      return value;
    }

    @Override
    public double variance() {
      return 0;
    }

    @Override
    public Distribution lengthBiased() {
      return value > 0 ? this : null;
    }
  }

  /** A Commons Statistics distribution; {@code biased} makes its length-biased form. */
  private record Library(ContinuousDistribution d, String label, Supplier<Distribution> biased)
      implements Distribution {
    @Override
    public Sampler sampler(UniformRandomProvider rng) {
      ContinuousDistribution.Sampler s = d.createSampler(rng);
      return s::sample;
    }

    @Override
    public double mean() {
      return d.getMean();
    }

    @Override
    public double variance() {
      return d.getVariance();
    }

    @Override
    public Distribution lengthBiased() {
      return biased.get();
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private record Empirical(double[] values) implements Distribution {
    @Override
    public Sampler sampler(UniformRandomProvider rng) {
      double[] v = values;
      return () -> v[rng.nextInt(v.length)];
    }

    @Override
    public double mean() {
      return Arrays.stream(values).average().orElse(Double.NaN);
    }

    @Override
    public double variance() {
      double m = mean();
      return Arrays.stream(values).map(x -> (x - m) * (x - m)).sum() / values.length;
    }

    @Override
    public Distribution lengthBiased() {
      double[] ones = new double[values.length];
      Arrays.fill(ones, 1);
      return LengthBiased.weighted(values, ones);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Empirical e && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "empirical" + Arrays.toString(values);
    }
  }
}
