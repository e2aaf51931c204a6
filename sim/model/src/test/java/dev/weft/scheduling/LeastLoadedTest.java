package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code least-loaded} takes the online node with the least expected delay, here the default
 * (load + 1 / slots) / speed with load = (busy + queued + inbound) / slots + serving load, all
 * nodes at speed 1; {@code auction} is the same index ranked by delay, then by bid. Loads are
 * set by hand and avoid ties; tie rules are in {@link TieRulesTest}, speed in {@link
 * SpeedTest}.
 */
class LeastLoadedTest {
  private static final Job JOB = new Job(0, 0, 0, 1, true);

  /** Ids 0..3 with 1, 2, 4 and 1 slots. */
  private static TestCluster slots1241() {
    return new TestCluster(new Node(0, 0, 1, 1), new Node(1, 0, 2, 1), new Node(2, 0, 4, 1),
        new Node(3, 0, 1, 1));
  }

  @Test
  void picksTheLeastExpectedDelayAndFollowsLoadChanges() {
    TestCluster c = slots1241();
    Scheduler s = c.attach(Schedulers.create("least-loaded"), 1);
    c.queue(0, 2); // (2 + 1) / 1 = 3.0
    c.queue(1, 3); // (3 + 1) / 2 = 2.0
    c.queue(2, 5); // (5 + 1) / 4 = 1.5: the most jobs, but the least delay
    c.queue(3, 2); // (2 + 1) / 1 = 3.0
    assertEquals(c.node(2).id(), TestCluster.id(s.place(JOB)));
    c.queue(2, 3); // (8 + 1) / 4 = 2.25: node 1 (2.0) is now the least
    assertEquals(c.node(1).id(), TestCluster.id(s.place(JOB)));
    c.queue(0, -2); // (0 + 1) / 1 = 1.0: node 0 drained
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)));
    c.queue(0, 4); // 5.0: back to node 1
    assertEquals(c.node(1).id(), TestCluster.id(s.place(JOB)));
    c.queue(3, -2); // (0 + 1) / 1 = 1.0: node 3 now below node 1's 2.0
    assertEquals(c.node(3).id(), TestCluster.id(s.place(JOB)));
  }

  @Test
  void servingLoadCountsAsLoad() {
    TestCluster c = slots1241();
    Scheduler s = c.attach(Schedulers.create("least-loaded"), 1);
    for (int i = 0; i < 4; i++) {
      c.queue(i, 1); // delays 2.0, 1.0, 0.5, 2.0
    }
    assertEquals(c.node(2).id(), TestCluster.id(s.place(JOB)));
    c.node(2).setServingLoad(0.625); // 0.25 + 0.625 + 0.25 = 1.125 with its engine's requests
    s.loadChanged(c.node(2));
    assertEquals(c.node(1).id(), TestCluster.id(s.place(JOB)));
  }

  @Test
  void skipsNodesWhileOfflineAndTakesThemBackOnReturn() {
    TestCluster c = slots1241();
    Scheduler s = c.attach(Schedulers.create("least-loaded"), 1);
    c.queue(0, 1); // 1.0
    c.queue(1, 1); // 0.5
    c.queue(3, 2); // 2.0; node 2 stays empty: 0
    c.setOnline(2, false);
    assertEquals(c.node(1).id(), TestCluster.id(s.place(JOB)));
    c.setOnline(1, false);
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)));
    c.setOnline(2, true); // back empty
    assertEquals(c.node(2).id(), TestCluster.id(s.place(JOB)));
  }

  @Test
  void auctionTakesTheLowestBidAmongEqualLoads() {
    TestCluster c = TestCluster.uniform(4).bids(0.30, 0.10, 0.20, 0.05);
    c.setOnline(3, false); // the lowest bid, but offline
    c.attach(Schedulers.create("auction"), 1);
    // one slot each: a lap in bid order (1, 2, 0), each job raising its node to load 1, then
    // the same lap again at load 1
    assertEquals(List.of(1, 2, 0, 1, 2, 0), c.place(JOB, 6, true));
  }

  @Test
  void auctionRanksLoadBeforeBid() {
    TestCluster c = TestCluster.uniform(3).bids(0.30, 0.10, 0.20);
    Scheduler s = c.attach(Schedulers.create("auction"), 1);
    c.queue(1, 1);
    c.queue(2, 1);
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)),
        "the dearest bid, but the only idle node");
  }

  @Test
  void auctionReactsToWeightsChanged() {
    TestCluster c = TestCluster.uniform(7).bids(0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1);
    Scheduler s = c.attach(Schedulers.create("auction"), 1);
    assertEquals(c.node(6).id(), TestCluster.id(s.place(JOB)));
    // new bids at an epoch's end: the cheapest is now node 2, then 5, 0, ...
    double[][] rounds = {
        {0.4, 0.6, 0.05, 0.7, 0.3, 0.1, 0.5},
        {0.01, 0.6, 0.05, 0.7, 0.3, 0.1, 0.5},
        {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3},
        {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.02}};
    int[] cheapest = {2, 0, 6, 6};
    for (int r = 0; r < rounds.length; r++) {
      c.bids(rounds[r]);
      s.weightsChanged();
      assertEquals(c.node(cheapest[r]).id(), TestCluster.id(s.place(JOB)), "round " + r);
    }
    // after the last round, one lap of placements goes in increasing bid order
    assertEquals(List.of(6, 0, 1, 2, 3, 4, 5), c.place(JOB, 7, true));
  }

  @Test
  void leastLoadedIgnoresBidsAndWeights() {
    TestCluster c = TestCluster.uniform(3).bids(0.9, 0.1, 0.5).weights(0, 5, 1);
    Scheduler s = c.attach(Schedulers.create("least-loaded"), 1);
    c.queue(0, 1);
    c.queue(1, 2);
    c.queue(2, 3);
    s.weightsChanged();
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)));
  }
}
