package dev.weft.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The comparison's statistics against hand-worked values and published tables. */
class PairedStatsTest {
  @Test
  void pairedTIntervalAndTestOnOneToFive() {
    // differences 1..5: mean 3, sd sqrt(2.5), se sqrt(0.5); t(0.975, 4) = 2.776445105 (tables)
    double[] d = {1, 2, 3, 4, 5};
    PairedStats.Interval i = PairedStats.interval(d, 0.95);
    double half = 2.776445105 * Math.sqrt(0.5);
    assertEquals(3, i.mean(), 1e-15);
    assertEquals(Math.sqrt(2.5), i.sd(), 1e-15);
    assertEquals(3 - half, i.lo(), 1e-9);
    assertEquals(3 + half, i.hi(), 1e-9);
    // t = 3 / sqrt(0.5) = 4.2426 on 4 df: two-sided p = 0.013236 (R: t.test(1:5))
    assertEquals(0.013236, PairedStats.tTest(d, 0), 1e-6);
    // against mu = 3 the statistic is 0: p = 1
    assertEquals(1, PairedStats.tTest(d, 3), 1e-12);
  }

  @Test
  void tTestWithoutSpreadIsCertain() {
    assertEquals(0, PairedStats.tTest(new double[] {2, 2, 2}, 1));
    assertEquals(1, PairedStats.tTest(new double[] {2, 2, 2}, 2));
  }

  @Test
  void wilcoxonExactOnFiveDifferences() {
    // |d| ranks 1..5, W+ = 1 + 2 + 3 + 4 = 10. Subset sums of {1..5} (32 subsets) count
    // 1,1,1,2,2,3,3,3,3,3,3,2,2,1,1,1 for 0..15, so P(W+ >= 10) = 10/32 and p = 0.625
    assertEquals(0.625, PairedStats.wilcoxon(new double[] {1, 2, 3, -5, 4}, 0), 1e-15);
    // all five positive: W+ = 15, P = 1/32, two-sided 1/16
    assertEquals(0.0625, PairedStats.wilcoxon(new double[] {3, 1, 4, 1.5, 9}, 0), 1e-15);
    // shifting by mu: {11, 12, 13, 5, 14} - 10 is the first sample
    assertEquals(0.625, PairedStats.wilcoxon(new double[] {11, 12, 13, 5, 14}, 10), 1e-15);
  }

  @Test
  void wilcoxonNormalApproximationWithTies() {
    // {1, 1, 2, 2, 3}: ranks 1.5, 1.5, 3.5, 3.5, 5, W+ = 15, E = 7.5; ties of 2 and 2 give
    // var = 5*6*11/24 - (6 + 6)/48 = 13.5; z = (7.5 - 0.5)/sqrt(13.5) = 1.90516, two-sided
    // p = 2 (1 - Phi(1.90516)) = 0.056762
    assertEquals(0.056762, PairedStats.wilcoxon(new double[] {1, 1, 2, 2, 3}, 0), 1e-5);
  }

  @Test
  void wilcoxonDropsZeros() {
    assertEquals(1, PairedStats.wilcoxon(new double[] {0, 0, 0}, 0));
    assertEquals(0.625, PairedStats.wilcoxon(new double[] {0, 1, 2, 3, -5, 4, 0}, 0), 1e-15);
  }

  @Test
  void holmOnKnownPValues() {
    // sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04 -> running max
    // 0.02, 0.03, 0.06, 0.06; back in input order
    assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02},
        PairedStats.holm(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
    // capped at 1
    assertArrayEquals(new double[] {1, 1}, PairedStats.holm(new double[] {0.6, 0.9}), 1e-15);
  }

  @Test
  void replicationsToDecideFollowTheTTable() {
    // sd 1, gap 1: n = 6 gives t(0.975,5)/sqrt(6) = 2.5706/2.4495 = 1.049 > 1; n = 7 gives
    // 2.4469/2.6458 = 0.925 < 1
    assertEquals(7, PairedStats.replicationsToDecide(1, 1, 0.05, 1000));
    assertEquals(-1, PairedStats.replicationsToDecide(1, 0, 0.05, 1000));
    assertEquals(11, PairedStats.replicationsToDecide(1, 1e-6, 0.05, 10));
  }
}
