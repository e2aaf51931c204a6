package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * How policies break ties: never by node id, local index or region order, always by the
 * policy's own random stream, so the order node classes are listed in cannot decide who works.
 * Frequencies are checked against the stated probabilities with {@link Frequencies}.
 *
 * <ul>
 *   <li>least-loaded: nodes at equal delay are drawn uniformly at every placement;
 *   <li>auction: equal delay goes to the lowest bid, then drawn uniformly;
 *   <li>power-of-two: equal delay of the two draws goes to the first draw, itself uniform;
 *   <li>latency-aware: equal scores across regions are drawn so each tied node is equally
 *       likely;
 *   <li>round-robin and fifo-central: the turn order and the initial idle line-up are a random
 *       permutation.
 * </ul>
 */
class TieRulesTest {
  private static final Job JOB = new Job(0, 0, 0, 1, true);

  @Test
  void leastLoadedDrawsUniformlyAmongEqualNodesWhateverTheirIds() {
    // ids out of order, so neither id nor position can pass for a draw
    TestCluster c = new TestCluster(new Node(12, 0, 1, 1), new Node(10, 0, 1, 1),
        new Node(13, 0, 1, 1), new Node(11, 0, 1, 1), new Node(14, 0, 1, 1));
    Scheduler s = c.attach(Schedulers.create("least-loaded"), 11);
    Frequencies.assertFits(Frequencies.count(s, c, 20_000), new double[] {1, 1, 1, 1, 1},
        "repeated picks at equal load");
    c.queue(1, 1); // id 10 loaded: the other four stay tied
    Frequencies.assertFits(Frequencies.count(s, c, 20_000), new double[] {1, 0, 1, 1, 1},
        "one node loaded");
  }

  @Test
  void drawsStayUniformAfterEveryNodeHasWonAndLost() {
    // each round the winner takes a job and finishes it, so all are equal again: a tie rule
    // that remembered earlier draws (a node keeping a number that lost) would drift
    TestCluster c = TestCluster.uniform(4);
    Scheduler s = c.attach(Schedulers.create("least-loaded"), 5);
    long[] counts = new long[4];
    for (int k = 0; k < 20_000; k++) {
      Node n = s.place(JOB);
      counts[c.indexOf(n)]++;
      c.take(n);
      c.finish(n);
    }
    Frequencies.assertFits(counts, new double[] {1, 1, 1, 1}, "rounds");
  }

  @Test
  void auctionTakesTheLowestBidAmongEqualDelaysThenDraws() {
    TestCluster c = TestCluster.uniform(4).bids(0.2, 0.1, -0.0, 0.0);
    Scheduler s = c.attach(Schedulers.create("auction"), 9);
    Frequencies.assertFits(Frequencies.count(s, c, 20_000), new double[] {0, 0, 1, 1},
        "equal lowest bids (-0.0 equals 0.0)");
    c.bids(0.2, 0.1, 0.3, 0.3);
    s.weightsChanged();
    assertEquals(1, TestCluster.id(s.place(JOB)), "new bids at an epoch's end");
  }

  @Test
  void powerOfTwoTiesGoToTheFirstDraw() {
    TestCluster c = TestCluster.uniform(4); // all at load 0: every pair is a tie
    Scheduler s = c.attach(Schedulers.create("power-of-two"), 21);
    UniformRandomProvider twin = RandomSource.XO_SHI_RO_256_PP.create(21L);
    for (int k = 0; k < 200; k++) {
      int first = twin.nextInt(4);
      twin.nextInt(4); // the second draw, lost to the tie
      assertEquals(c.node(first).id(), TestCluster.id(s.place(JOB)), "job " + k);
    }
  }

  @Test
  void latencyAwareDrawsAmongTiedNodesAcrossRegions() {
    // the job starts in region 0; regions 1 and 2 are equally far; region 1 has one idle node,
    // region 2 three: each of the four is equally likely, whatever the region order
    TestCluster c = TestCluster.uniform(4).regions(1, 2, 2, 2).rtt(new double[][] {
        {0, 0.05, 0.05}, {0.05, 0, 0.1}, {0.05, 0.1, 0}});
    Scheduler s = c.attach(Schedulers.create("latency-aware"), 17);
    Frequencies.assertFits(Frequencies.count(s, c, 20_000), new double[] {1, 1, 1, 1},
        "four equal nodes in two regions");
  }

  @Test
  void roundRobinAndFifoCentralStartAtADrawnNode() {
    for (String policy : List.of("round-robin", "fifo-central")) {
      long[] first = new long[5];
      for (long seed = 0; seed < 5_000; seed++) {
        TestCluster c = TestCluster.uniform(5);
        Scheduler s = c.attach(Schedulers.create(policy), seed);
        first[c.indexOf(s.place(JOB))]++;
      }
      Frequencies.assertFits(first, new double[] {1, 1, 1, 1, 1}, policy + ": first by seed");
    }
  }
}
