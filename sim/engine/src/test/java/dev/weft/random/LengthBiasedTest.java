package dev.weft.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.ParetoDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;
import org.junit.jupiter.api.Test;

/**
 * Length-biased forms against the renewal-theory identities they must satisfy, computed from
 * the original distribution only (its library moments and survival function), never from the
 * length-biased implementation: the length-biased mean is E[X^2] / E[X]; a uniform position in
 * a length-biased period (the equilibrium residual) has mean E[X^2] / (2 E[X]) and distribution
 * F_e(x) = (1 / E[X]) ∫_0^x (1 - F(t)) dt, integrated here numerically.
 *
 * <p>Tolerances: 4.5 standard errors of the sample mean (sample standard deviation / sqrt n),
 * and 4.5 sqrt(p (1 - p) / n) for an empirical CDF value p (binomial).
 */
class LengthBiasedTest {
  static final int N = 200_000;

  /** The original's survival function, for F_e. */
  static void check(String what, Distribution d, DoubleUnaryOperator survival, double[] at) {
    double m = d.mean();
    double second = d.variance() + m * m;
    Distribution lb = d.lengthBiased();
    assertEquals(second / m, lb.mean(), 1e-6 * second / m, what + ": length-biased mean");
    Distribution.Sampler s = lb.sampler(new RandomStreams(3).stream(what));
    var u = new RandomStreams(4).stream(what);
    double[] r = new double[N];
    double sum = 0;
    double sumLb = 0;
    double sumLb2 = 0;
    for (int i = 0; i < N; i++) {
      double l = s.sample();
      sumLb += l;
      sumLb2 += l * l;
      r[i] = u.nextDouble() * l;
      sum += r[i];
    }
    double lbMean = sumLb / N;
    double lbSd = Math.sqrt(sumLb2 / N - lbMean * lbMean);
    assertEquals(second / m, lbMean, 4.5 * lbSd / Math.sqrt(N), what + ": sampled period mean");
    assertEquals(lb.variance(), lbSd * lbSd, 0.05 * lb.variance(), what + ": period variance");
    double mean = sum / N;
    double var = 0;
    for (double x : r) {
      var += (x - mean) * (x - mean);
    }
    double se = Math.sqrt(var / (N - 1) / N);
    assertEquals(second / (2 * m), mean, 4.5 * se, what + ": residual mean E[X^2]/(2E[X])");
    for (double x : at) {
      double fe = integrate(survival, x) / m;
      long below = 0;
      for (double v : r) {
        below += v <= x ? 1 : 0;
      }
      double p = below / (double) N;
      assertEquals(fe, p, 4.5 * Math.sqrt(fe * (1 - fe) / N) + 1e-9,
          what + ": residual CDF at " + x);
    }
  }

  /** ∫_0^x g(t) dt by Simpson's rule on 20,000 intervals. */
  static double integrate(DoubleUnaryOperator g, double x) {
    int k = 20_000;
    double h = x / k;
    double sum = g.applyAsDouble(0) + g.applyAsDouble(x);
    for (int i = 1; i < k; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * g.applyAsDouble(i * h);
    }
    return sum * h / 3;
  }

  static DoubleUnaryOperator survival(ContinuousDistribution d) {
    return d::survivalProbability;
  }

  @Test
  void exponentialResidualIsTheSameExponential() {
    Distribution d = Distributions.exponential(2.0);
    // memoryless: F_e(x) = (1/2) ∫_0^x e^(-t/2) dt = 1 - e^(-x/2), the exponential itself
    check("exponential", d, t -> Math.exp(-t / 2), new double[] {0.5, 2, 5});
  }

  @Test
  void constantResidualIsUniform() {
    check("constant", Distributions.constant(3), t -> t < 3 ? 1 : 0,
        new double[] {0.3, 1.5, 2.7});
  }

  @Test
  void continuousFamilies() {
    check("uniform", Distributions.uniform(1, 5), t -> t < 1 ? 1 : Math.max(0, (5 - t) / 4),
        new double[] {0.5, 2, 4});
    check("weibull-0.8", Distributions.weibull(0.8, 2),
        survival(WeibullDistribution.of(0.8, 2)), new double[] {0.5, 2, 8});
    check("weibull-2", Distributions.weibull(2, 3), survival(WeibullDistribution.of(2, 3)),
        new double[] {1, 2, 4});
    check("lognormal", Distributions.lognormalMedian(1, 1),
        survival(LogNormalDistribution.of(0, 1)), new double[] {0.3, 1, 4});
    check("pareto", Distributions.pareto(5, 1), survival(ParetoDistribution.of(1, 5)),
        new double[] {0.2, 0.6, 1.5});
    check("gamma", Distributions.gamma(2.5, 1), survival(GammaDistribution.of(2.5, 1)),
        new double[] {0.5, 2, 5});
    check("normal", Distributions.normal(5, 2, 0, Double.POSITIVE_INFINITY),
        survival(TruncatedNormalDistribution.of(5, 2, 0, Double.POSITIVE_INFINITY)),
        new double[] {1, 3, 6});
  }

  @Test
  void empiricalWeighsValuesBySize() {
    // periods 1, 2, 2, 9: a random instant falls in the 9 with probability 9/14
    Distribution d = Distributions.empirical(new double[] {1, 2, 2, 9});
    check("empirical", d, t -> t < 1 ? 1 : t < 2 ? 0.75 : t < 9 ? 0.25 : 0,
        new double[] {0.5, 1.5, 5});
    Distribution.Sampler s = d.lengthBiased().sampler(new RandomStreams(1).stream("e"));
    int nine = 0;
    for (int i = 0; i < N; i++) {
      nine += s.sample() == 9 ? 1 : 0;
    }
    double p = 9 / 14.0;
    assertEquals(p, nine / (double) N, 4.5 * Math.sqrt(p * (1 - p) / N));
  }

  @Test
  void noFormWithoutAFiniteMean() {
    assertNull(Distributions.pareto(1, 1).lengthBiased(), "Pareto alpha = 1: E[X] infinite");
    assertNull(Distributions.constant(0).lengthBiased(), "a period of 0 is never inspected");
    assertTrue(Distributions.pareto(1.5, 1).lengthBiased().mean() == Double.POSITIVE_INFINITY);
  }
}
