package dev.weft.compare;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The statistics of a paired comparison, on one sample {@code x} (per-replication paired
 * differences, or one side's values) against a reference value {@code mu}: the Student-t
 * interval and test, the Wilcoxon signed-rank test, and Holm's step-down adjustment across
 * several tests. Distributions come from Commons Statistics; the signed-rank distribution is
 * exact (enumerated) for up to 30 non-zero differences without ties, else the normal
 * approximation with tie and continuity corrections (as R's {@code wilcox.test}).
 */
public final class PairedStats {
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
  private static final int EXACT_LIMIT = 30;

  private PairedStats() {}

  /** Mean, sample standard deviation, n and the two-sided {@code level} t interval. */
  public record Interval(double mean, double sd, int n, double lo, double hi) {
    public double halfWidth() {
      return (hi - lo) / 2;
    }
  }

  /** The two-sided Student-t interval for the mean of {@code x} (empty width for n = 1). */
  public static Interval interval(double[] x, double level) {
    int n = x.length;
    double mean = mean(x);
    double sd = sd(x, mean);
    if (n < 2) {
      return new Interval(mean, 0, n, mean, mean);
    }
    double half = tQuantile(n - 1, 1 - (1 - level) / 2) * sd / Math.sqrt(n);
    return new Interval(mean, sd, n, mean - half, mean + half);
  }

  /**
   * Two-sided p-value of the one-sample t-test of mean(x) = mu (a paired t-test when x holds
   * differences). With no spread the answer is certain: 1 when every value equals mu, else 0.
   */
  public static double tTest(double[] x, double mu) {
    int n = x.length;
    double mean = mean(x);
    double sd = sd(x, mean);
    if (n < 2 || sd == 0) {
      return mean == mu ? 1 : (n < 2 ? 1 : 0);
    }
    double t = (mean - mu) / (sd / Math.sqrt(n));
    return Math.min(1, 2 * TDistribution.of(n - 1).survivalProbability(Math.abs(t)));
  }

  /**
   * Two-sided p-value of the Wilcoxon signed-rank test of the differences {@code x - mu}
   * (zeros dropped, ties given their average rank).
   */
  public static double wilcoxon(double[] x, double mu) {
    double[] d = Arrays.stream(x).map(v -> v - mu).filter(v -> v != 0).toArray();
    int n = d.length;
    if (n == 0) {
      return 1;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(d[i])));
    double[] rank = new double[n];
    double tieTerm = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) {
        j++;
      }
      double avg = (i + j + 2) / 2.0; // ranks i+1..j+1
      for (int k = i; k <= j; k++) {
        rank[order[k]] = avg;
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    double wPlus = 0;
    for (int i = 0; i < n; i++) {
      if (d[i] > 0) {
        wPlus += rank[i];
      }
    }
    if (tieTerm == 0 && n <= EXACT_LIMIT) {
      return exactSignedRank(n, (int) Math.round(wPlus));
    }
    double mean = n * (n + 1) / 4.0;
    double var = n * (n + 1) * (2 * n + 1) / 24.0 - tieTerm / 48;
    if (var <= 0) {
      return 1;
    }
    double z = Math.max(0, Math.abs(wPlus - mean) - 0.5) / Math.sqrt(var);
    return Math.min(1, 2 * NORMAL.survivalProbability(z));
  }

  /** Exact two-sided p of W+ = w for n untied ranks: subsets of {1..n} counted by sum. */
  static double exactSignedRank(int n, int w) {
    int max = n * (n + 1) / 2;
    double[] count = new double[max + 1];
    count[0] = 1;
    for (int k = 1; k <= n; k++) {
      for (int s = max; s >= k; s--) {
        count[s] += count[s - k];
      }
    }
    double total = Math.pow(2, n);
    double low = 0;
    double high = 0;
    for (int s = 0; s <= max; s++) {
      if (s <= w) {
        low += count[s];
      }
      if (s >= w) {
        high += count[s];
      }
    }
    return Math.min(1, 2 * Math.min(low, high) / total);
  }

  /**
   * Holm's step-down adjustment: sorted ascending, the i-th smallest of m p-values becomes
   * max over j <= i of min(1, (m - j + 1) p_(j)); returned in the input's order. It controls
   * the family-wise error rate across the tests without assuming independence.
   */
  public static double[] holm(double[] p) {
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] out = new double[m];
    double running = 0;
    for (int j = 0; j < m; j++) {
      double adj = Math.min(1, (m - j) * p[order[j]]);
      running = Math.max(running, adj);
      out[order[j]] = running;
    }
    return out;
  }

  /**
   * The smallest n after which a two-sided {@code alpha} t interval of a sample with standard
   * deviation {@code sd} is narrower (half-width) than {@code gap}, the distance of the
   * estimate from the threshold: the replications that would likely decide, if the estimate
   * and spread held. -1 when no number would (the estimate sits on the threshold); {@code
   * cap + 1} when more than {@code cap} would be needed.
   */
  public static int replicationsToDecide(double sd, double gap, double alpha, int cap) {
    if (!(gap > 0)) {
      return -1;
    }
    if (sd == 0) {
      return 2;
    }
    for (int n = 2; n <= cap; n++) {
      if (tQuantile(n - 1, 1 - alpha / 2) * sd / Math.sqrt(n) < gap) {
        return n;
      }
    }
    return cap + 1;
  }

  static double tQuantile(int df, double p) {
    return TDistribution.of(df).inverseCumulativeProbability(p);
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  static double sd(double[] x, double mean) {
    if (x.length < 2) {
      return 0;
    }
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (x.length - 1));
  }
}
