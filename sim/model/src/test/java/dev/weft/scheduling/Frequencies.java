package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.workload.Job;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Counts where a randomized policy puts many jobs and compares the counts with the
 * probabilities its contract states, by Pearson's chi-square test.
 *
 * <p>The bound: for a sampler that follows the stated probabilities p_i, the statistic X^2 =
 * sum (O_i - N p_i)^2 / (N p_i) over the k cells with p_i > 0 is asymptotically chi-square with
 * k - 1 degrees of freedom (the approximation is good when every N p_i is at least 5; the tests
 * use thousands). The test fails when X^2 exceeds the chi-square quantile of upper tail
 * {@link #ALPHA} = 1e-6: a correct sampler would fail for about one seed in a million, and with
 * the fixed seeds used here the outcome is deterministic. Cells with p_i = 0 are structural
 * (offline or zero-weight nodes) and must stay at exactly zero.
 */
final class Frequencies {
  static final double ALPHA = 1e-6;

  private Frequencies() {}

  /** Places {@code draws} jobs without changing any load and counts them by local index. */
  static long[] count(Scheduler s, TestCluster c, int draws) {
    long[] counts = new long[c.size()];
    Job job = new Job(0, 0, 0, 1, true);
    for (int k = 0; k < draws; k++) {
      counts[c.indexOf(s.place(job))]++;
    }
    return counts;
  }

  /**
   * Asserts that {@code counts} fit the probabilities {@code p} (normalised here, so relative
   * weights will do).
   */
  static void assertFits(long[] counts, double[] p, String what) {
    double total = Arrays.stream(p).sum();
    long n = Arrays.stream(counts).sum();
    double x2 = 0;
    int cells = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0) {
        assertEquals(0, counts[i], what + ": cell " + i + " has probability 0");
        continue;
      }
      double expected = n * p[i] / total;
      assertTrue(expected >= 5, what + ": too few draws for the chi-square approximation");
      x2 += (counts[i] - expected) * (counts[i] - expected) / expected;
      cells++;
    }
    if (cells < 2) {
      return; // one possible outcome: the zero cells above are the whole check
    }
    double bound = ChiSquaredDistribution.of(cells - 1).inverseSurvivalProbability(ALPHA);
    assertTrue(x2 <= bound, what + ": X^2 = " + x2 + " > " + bound + " (df " + (cells - 1)
        + "), counts " + Arrays.toString(counts) + " for weights " + Arrays.toString(p));
  }
}
