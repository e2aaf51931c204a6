package dev.weft.run;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Welch's two-sample test on the means of two sets of replications, for symmetry tests (the
 * same figure under two equivalent set-ups must agree within replication noise).
 */
final class Welch {
  private Welch() {}

  static double mean(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v / x.length;
    }
    return m;
  }

  /** Sample variance (n - 1 in the denominator). */
  static double variance(double[] x) {
    double m = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return ss / (x.length - 1);
  }

  /**
   * The largest |mean(a) - mean(b)| compatible with equal means at two-sided level {@code
   * alpha}: the t quantile with Welch-Satterthwaite degrees of freedom times sqrt(va / na + vb /
   * nb). Zero when neither set varies, so equal constant sets pass and unequal ones fail.
   */
  static double bound(double[] a, double[] b, double alpha) {
    double va = variance(a) / a.length;
    double vb = variance(b) / b.length;
    if (va + vb == 0) {
      return 0;
    }
    double df = (va + vb) * (va + vb)
        / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    return TDistribution.of(df).inverseSurvivalProbability(alpha / 2) * Math.sqrt(va + vb);
  }
}
