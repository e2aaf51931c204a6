package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.node.Node;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Placement by speed, and ties by the scheduler's random stream rather than node id or listing
 * order, on hand-built clusters. Expected picks are worked by hand from the delay index
 * (load + 1 / slots) / speed; the frequency checks are Pearson chi-square tests against the
 * stated probabilities (see {@link #assertFrequencies}).
 */
class SpeedAndTiesTest {

  /**
   * Fails when the counts are unlikely under the probabilities {@code p}: Pearson's X^2 over
   * the cells with p > 0 against the chi-square quantile of upper tail 1e-6 with (cells - 1)
   * degrees of freedom (a correct sampler fails one seed in a million; every expected count
   * here is in the hundreds, where the approximation holds). Cells with p = 0 must be empty.
   */
  static void assertFrequencies(long[] counts, double[] p, String what) {
    long n = Arrays.stream(counts).sum();
    double total = Arrays.stream(p).sum();
    double x2 = 0;
    int cells = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0) {
        assertEquals(0, counts[i], what + ": cell " + i + " must stay empty");
        continue;
      }
      double e = n * p[i] / total;
      x2 += (counts[i] - e) * (counts[i] - e) / e;
      cells++;
    }
    double bound = ChiSquaredDistribution.of(cells - 1).inverseSurvivalProbability(1e-6);
    assertTrue(x2 <= bound, what + ": counts " + Arrays.toString(counts) + " against "
        + Arrays.toString(p) + ", X^2 = " + x2 + " > " + bound);
  }

  /** A slow node (id 0, speed 1) listed before a fast one (id 1, speed 2). */
  private static HandCluster slowThenFast() {
    return new HandCluster(new Node(0, 0, 1, 1.0), new Node(1, 0, 1, 2.0));
  }

  @Test
  void theFasterNodeGetsTheJobAtEqualQueueLength() {
    for (String policy : new String[] {"least-loaded", "auction", "latency-aware"}) {
      for (int k = 0; k < 5; k++) {
        HandCluster c = slowThenFast();
        c.attach(policy, 7);
        c.queue(0, k);
        c.queue(1, k);
        // delays (k + 1) / 1 against (k + 1) / 2
        assertEquals(1, c.place(false), policy + " with " + k + " queued on each");
      }
    }
  }

  @Test
  void aNodeTwiceAsFastTakesTwoJobsInThree() {
    // delays of the next job: slow n_s + 1, fast (n_f + 1) / 2. From empty: fast (0.5), then
    // both at 1 (drawn, one each), then fast at 1.5 against slow at 2 ... after every third job
    // the fast node holds exactly two thirds of them
    HandCluster c = slowThenFast();
    c.attach("least-loaded", 3);
    for (int k = 1; k <= 200; k++) {
      for (int j = 0; j < 3; j++) {
        c.place(true);
      }
      assertEquals(k, c.node(0).queued(), "slow after " + 3 * k);
      assertEquals(2 * k, c.node(1).queued(), "fast after " + 3 * k);
    }
  }

  @Test
  void equalNodesAreDrawnUniformlyWhateverTheirIds() {
    // ids out of order, so neither id nor position can pass for a draw
    HandCluster c = new HandCluster(new Node(12, 0, 1, 1), new Node(10, 0, 1, 1),
        new Node(13, 0, 1, 1), new Node(11, 0, 1, 1), new Node(14, 0, 1, 1));
    c.attach("least-loaded", 11);
    long[] counts = new long[5];
    for (int k = 0; k < 20_000; k++) {
      counts[c.place(false)]++;
    }
    assertFrequencies(counts, new double[] {1, 1, 1, 1, 1}, "repeated picks");
  }

  @Test
  void drawsStayUniformAfterEveryNodeHasWonAndLost() {
    // each round the winner takes a job and finishes it, so all are equal again: a tie rule
    // that remembered earlier draws (a node keeping a number that lost) would drift
    HandCluster c = new HandCluster(HandCluster.nodes(0, 4, 1.0));
    c.attach("least-loaded", 5);
    long[] counts = new long[4];
    for (int k = 0; k < 20_000; k++) {
      int i = c.place(true);
      counts[i]++;
      c.queue(i, -1);
    }
    assertFrequencies(counts, new double[] {1, 1, 1, 1}, "rounds");
  }

  @Test
  void auctionTakesTheLowestBidAmongEqualDelaysThenDraws() {
    HandCluster c = new HandCluster(HandCluster.nodes(0, 4, 1.0));
    c.attach("auction", 9);
    c.bids(0.2, 0.1, 0.1, 0.3);
    long[] counts = new long[4];
    for (int k = 0; k < 10_000; k++) {
      counts[c.place(false)]++;
    }
    assertFrequencies(counts, new double[] {0, 1, 1, 0}, "equal lowest bids");
    // a faster node at a dearer bid still comes first: delay before bid
    HandCluster d = slowThenFast();
    d.attach("auction", 9);
    d.bids(0.1, 0.5);
    assertEquals(1, d.place(false));
  }

  @Test
  void powerOfTwoPrefersTheFasterOfItsDraws() {
    // two draws with replacement from {slow, fast}: the slow node wins only when drawn twice
    HandCluster c = slowThenFast();
    c.attach("power-of-two", 13);
    long[] counts = new long[2];
    for (int k = 0; k < 20_000; k++) {
      counts[c.place(false)]++;
    }
    assertFrequencies(counts, new double[] {0.25, 0.75}, "slow, fast");
  }

  @Test
  void latencyAwareDrawsAmongNodesAtTheSameScoreAcrossRegions() {
    // the job starts in region 0; regions 1 and 2 are equally far; region 1 has one idle node,
    // region 2 three: each of the four is equally likely, whatever the region order
    double[][] rtt = {{0, 0.05, 0.05}, {0.05, 0, 0.1}, {0.05, 0.1, 0}};
    HandCluster c = new HandCluster(new int[] {1, 2, 2, 2}, rtt, HandCluster.nodes(0, 4, 1.0));
    c.attach("latency-aware", 17);
    long[] counts = new long[4];
    for (int k = 0; k < 20_000; k++) {
      counts[c.place(false)]++;
    }
    assertFrequencies(counts, new double[] {1, 1, 1, 1}, "four equal nodes in two regions");
  }

  @Test
  void roundRobinAndFifoCentralDoNotStartWithTheFirstListedNode() {
    for (String policy : new String[] {"round-robin", "fifo-central"}) {
      long[] first = new long[5];
      for (long seed = 0; seed < 5_000; seed++) {
        HandCluster c = new HandCluster(HandCluster.nodes(0, 5, 1.0));
        c.attach(policy, seed);
        first[c.place(false)]++;
      }
      assertFrequencies(first, new double[] {1, 1, 1, 1, 1}, policy + ": first pick by seed");
    }
  }
}
