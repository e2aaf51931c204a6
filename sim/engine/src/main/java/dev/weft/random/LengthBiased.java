package dev.weft.random;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;

/**
 * Length-biased forms (density {@code x f(x) / E[X]}) of the distributions whose form is not
 * again one of the library's families. Exponential, lognormal, Pareto and gamma are closed under
 * length-biasing up to their parameters and are handled where they are made ({@link
 * Distributions}); constant is its own.
 */
final class LengthBiased {
  private LengthBiased() {}

  /**
   * Uniform on [a, b] (a clamped at 0): density 2x / (b^2 - a^2), drawn by inverting its CDF
   * (x^2 - a^2) / (b^2 - a^2).
   */
  static Distribution uniform(double min, double max) {
    double a = Math.max(0, min);
    return max > a ? new Linear(a, max) : null;
  }

  /**
   * Weibull(k, scale): with G ~ Gamma(1 + 1/k, 1), {@code scale G^(1/k)} has density
   * proportional to x f(x) (substitute y = (x / scale)^k). Moments
   * {@code E[X^n] = scale^n Gamma(1 + (n + 1)/k) / Gamma(1 + 1/k)}.
   */
  static Distribution weibull(double shape, double scale) {
    return new PowerOfGamma(shape, scale);
  }

  /**
   * Normal(mean, sd) truncated to [min, max], on its positive part: rejection from the normal
   * truncated to [max(0, min), max], accepting x with probability x / c, where c is the upper
   * bound or 8 sd above the larger of the mean and the lower bound, whichever is smaller. The
   * approximation: values above c (probability under 1e-15 when c is the 8 sd cap) are
   * accepted with probability 1 instead of x / c. Moments by Simpson's rule over [lower, c].
   */
  static Distribution normal(double mean, double sd, double min, double max) {
    double lo = Math.max(0, min);
    if (!(max > lo)) {
      return null;
    }
    double cap = Math.min(max, Math.max(lo, mean) + 8 * sd);
    return new RejectedNormal(TruncatedNormalDistribution.of(mean, sd, lo, max), cap);
  }

  /** Each value v_i (clamped at 0) with probability proportional to w_i v_i. */
  static Distribution weighted(double[] values, double[] weights) {
    int n = 0;
    double[] v = new double[values.length];
    double[] w = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double weight = weights[i] * Math.max(0, values[i]);
      if (weight > 0) { // zero-weight values dropped, so no draw can land on one
        v[n] = values[i];
        w[n++] = weight;
      }
    }
    return n > 0 ? new Weighted(Arrays.copyOf(v, n), Arrays.copyOf(w, n)) : null;
  }

  /** A distribution known by its raw moments; mean and variance follow from the first two. */
  private interface ByMoments extends Distribution {
    /** E[X^n]. */
    double moment(int n);

    @Override
    default double mean() {
      return moment(1);
    }

    @Override
    default double variance() {
      double m = mean();
      return moment(2) - m * m;
    }
  }

  /** Gamma(1 + m/k) as the mean of a Weibull of shape k/m and scale 1. */
  private static double gammaOfOnePlus(double m, double k) {
    return WeibullDistribution.of(k / m, 1).getMean();
  }

  /** Density 2x / (b^2 - a^2) on [a, b]. */
  private record Linear(double a, double b) implements ByMoments {
    @Override
    public Sampler sampler(UniformRandomProvider rng) {
      double a2 = a * a;
      double span = b * b - a2;
      return () -> Math.sqrt(a2 + rng.nextDouble() * span);
    }

    @Override
    public double moment(int n) { // E[X^n] = 2 (b^(n+2) - a^(n+2)) / ((n + 2)(b^2 - a^2))
      return 2 * (Math.pow(b, n + 2) - Math.pow(a, n + 2)) / ((n + 2) * (b * b - a * a));
    }
  }

  /** {@code scale G^(1/shape)} with G ~ Gamma(1 + 1/shape, 1). */
  private record PowerOfGamma(double shape, double scale) implements ByMoments {
    @Override
    public Sampler sampler(UniformRandomProvider rng) {
      ContinuousDistribution.Sampler g =
          GammaDistribution.of(1 + 1 / shape, 1).createSampler(rng);
      double power = 1 / shape;
      return () -> scale * Math.pow(g.sample(), power);
    }

    @Override
    public double moment(int n) {
      return Math.pow(scale, n) * gammaOfOnePlus(n + 1, shape) / gammaOfOnePlus(1, shape);
    }
  }

  /** Length-biased truncated normal by rejection; see {@link #normal}. */
  private record RejectedNormal(TruncatedNormalDistribution d, double cap)
      implements ByMoments {
    @Override
    public Sampler sampler(UniformRandomProvider rng) {
      ContinuousDistribution.Sampler s = d.createSampler(rng);
      return () -> {
        while (true) {
          double x = s.sample();
          if (x >= cap || rng.nextDouble() * cap < x) {
            return x;
          }
        }
      };
    }

    /** {@code ∫ x^n f(x) dx} over [lower bound, cap], Simpson's rule on 4096 intervals. */
    private double partialMoment(int n) {
      double a = d.getSupportLowerBound();
      int k = 4096;
      double h = (cap - a) / k;
      double sum = 0;
      for (int i = 0; i <= k; i++) {
        double x = a + i * h;
        double weight = i == 0 || i == k ? 1 : (i % 2 == 1 ? 4 : 2);
        sum += weight * Math.pow(x, n) * d.density(x);
      }
      return sum * h / 3;
    }

    @Override
    public double moment(int n) {
      return partialMoment(n + 1) / partialMoment(1);
    }
  }

  /** Value {@code values[i]} with probability {@code weights[i] / Σ weights}. */
  private record Weighted(double[] values, double[] weights) implements ByMoments {
    @Override
    public Sampler sampler(UniformRandomProvider rng) {
      double[] cumulative = new double[weights.length];
      double total = 0;
      for (int i = 0; i < weights.length; i++) {
        total += weights[i];
        cumulative[i] = total;
      }
      double sum = total;
      return () -> {
        double u = rng.nextDouble() * sum;
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1; // first cumulative weight above u
        return values[Math.min(i, values.length - 1)];
      };
    }

    @Override
    public double moment(int n) {
      double s = 0;
      double w = 0;
      for (int i = 0; i < values.length; i++) {
        s += weights[i] * Math.pow(values[i], n);
        w += weights[i];
      }
      return s / w;
    }

    @Override
    public Distribution lengthBiased() {
      return weighted(values, weights);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Weighted x && Arrays.equals(values, x.values)
          && Arrays.equals(weights, x.weights);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(values) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
      return "weighted" + Arrays.toString(values);
    }
  }
}
