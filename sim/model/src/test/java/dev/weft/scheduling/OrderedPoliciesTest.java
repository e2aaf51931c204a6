package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The policies whose choice follows from the cluster and a start-up draw: {@code round-robin}
 * (in turn, in an order drawn at attach), {@code fifo-central} (an idle node, longest idle
 * first, the nodes idle at attach in a drawn order, or the central queue) and {@code
 * latency-aware} (round trip plus expected delay). Every expectation is worked by hand in the
 * comments; that the drawn orders are uniform is in {@link TieRulesTest}.
 */
class OrderedPoliciesTest {
  private static final Job JOB = new Job(0, 0, 0, 1, true);

  @Test
  void roundRobinCyclesInOneOrderSkippingOfflineNodes() {
    TestCluster c = TestCluster.uniform(4);
    c.attach(Schedulers.create("round-robin"), 1);
    List<Integer> lap = c.place(JOB, 4, false); // the drawn turn order
    assertEquals(Set.of(0, 1, 2, 3), Set.copyOf(lap), "one lap visits every node once");
    assertEquals(lap, c.place(JOB, 4, false), "and the next lap repeats it");
    int off = lap.get(1);
    c.setOnline(off, false); // the cursor is at lap[0]: the lap goes on without lap[1]
    List<Integer> without = new ArrayList<>(lap);
    without.remove(Integer.valueOf(off));
    assertEquals(List.of(without.get(0), without.get(1), without.get(2), without.get(0)),
        c.place(JOB, 4, false));
    c.setOnline(off, true); // the cursor is back at lap[1], which is online again
    assertEquals(List.of(lap.get(1), lap.get(2), lap.get(3), lap.get(0)),
        c.place(JOB, 4, false));
  }

  @Test
  void roundRobinIgnoresLoad() {
    TestCluster c = TestCluster.uniform(3);
    c.attach(Schedulers.create("round-robin"), 1);
    c.queue(0, 10);
    List<Integer> lap = c.place(JOB, 3, true);
    assertEquals(Set.of(0, 1, 2), Set.copyOf(lap), "node 0, ten jobs ahead, still has its turn");
    assertEquals(lap, c.place(JOB, 3, true));
  }

  @Test
  void roundRobinWithOneOnlineNodeReturnsItEveryTime() {
    TestCluster c = TestCluster.uniform(5);
    for (int i : new int[] {0, 1, 3, 4}) {
      c.setOnline(i, false);
    }
    c.attach(Schedulers.create("round-robin"), 1);
    assertEquals(List.of(2, 2, 2, 2), c.place(JOB, 4, false));
  }

  @Test
  void fifoCentralHandsOutIdleNodesLongestIdleFirstThenQueuesCentrally() {
    TestCluster c = TestCluster.uniform(3);
    Scheduler s = c.attach(Schedulers.create("fifo-central"), 1);
    // at attach every node is idle, lined up in a drawn order; each job takes its only slot
    List<Integer> placed = c.place(JOB, 5, true);
    assertEquals(Set.of(0, 1, 2), Set.copyOf(placed.subList(0, 3)));
    assertEquals(List.of(-1, -1), placed.subList(3, 5));
    c.finish(c.node(2)); // idle since now
    c.finish(c.node(0)); // idle since later
    assertEquals(c.node(2).id(), TestCluster.id(s.place(JOB)), "longest idle first");
    c.take(c.node(2));
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)));
    c.take(c.node(0));
    assertNull(s.place(JOB), "all busy again: the job waits centrally");
  }

  @Test
  void fifoCentralNeverHandsOutANodeWithAQueueOrOffline() {
    TestCluster c = new TestCluster(new Node(0, 0, 2, 1), new Node(1, 0, 1, 1),
        new Node(2, 0, 1, 1));
    Scheduler s = c.attach(Schedulers.create("fifo-central"), 1);
    c.queue(0, 1); // a free slot but a queue ahead of it (a node's own queue comes first)
    c.setOnline(1, false);
    assertEquals(c.node(2).id(), TestCluster.id(s.place(JOB)));
    c.take(c.node(2));
    assertNull(s.place(JOB));
    c.setOnline(1, true); // back, idle: listed again
    assertEquals(c.node(1).id(), TestCluster.id(s.place(JOB)));
    c.take(c.node(1));
    c.queue(0, -1); // node 0's queue empties: two free slots
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)));
    c.take(c.node(0));
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)), "its second slot");
    c.take(c.node(0));
    assertNull(s.place(JOB));
  }

  /**
   * Three regions: A (id 0) in region 0, B (id 1) in region 1, C (id 2) in region 2, each with
   * 8 slots (a job adds 1/8 to load). From region 0 the round trips are 0.125 s to A, 0.4375 s
   * to B and infinite to C (a fault cut the path). Scores are rtt + 1 s x load.
   */
  private static TestCluster threeRegions() {
    double inf = Double.POSITIVE_INFINITY;
    return new TestCluster(new Node(0, 0, 8, 1), new Node(1, 0, 8, 1), new Node(2, 0, 8, 1))
        .regions(0, 1, 2).rtt(new double[][] {
            {0.125, 0.4375, inf}, {0.4375, 0.125, inf}, {inf, inf, 0.125}});
  }

  @Test
  void latencyAwarePrefersTheNearRegionUntilLoadOutweighsTheRoundTrip() {
    TestCluster c = threeRegions();
    c.attach(Schedulers.create("latency-aware"), 1);
    Job fromRegion0 = new Job(0, 0, 0, 1, true).origin(0);
    // with kA and kB jobs on A and B: A wins while 0.125 + kA/8 < 0.4375 + kB/8, that is
    // kA - kB < 2.5. Crossover: A takes 3 jobs (its load penalty 3/8 = 0.375 s then exceeds the
    // 0.3125 s round-trip gap), then the lead alternates: A A A B A B A B
    assertEquals(List.of(0, 0, 0, 1, 0, 1, 0, 1),
        c.place(fromRegion0, 8, true));
    // C, empty but unreachable, was never a candidate
    assertEquals(0, c.node(2).load());
  }

  @Test
  void latencyAwareMeasuresFromTheJobsOrigin() {
    TestCluster c = threeRegions();
    Scheduler s = c.attach(Schedulers.create("latency-aware"), 1);
    Job fromRegion1 = new Job(0, 0, 0, 1, true).origin(1);
    assertEquals(List.of(1, 1, 1, 0), c.place(fromRegion1, 4, true));
    // a job without an origin (no network) counts from region 0: A scores 0.125 + 1/8 = 0.25,
    // B 0.4375 + 3/8 = 0.8125
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)));
  }

  @Test
  void latencyAwareNeverPicksARegionBehindAnInfiniteRoundTrip() {
    TestCluster c = threeRegions();
    Scheduler s = c.attach(Schedulers.create("latency-aware"), 1);
    Job fromRegion0 = new Job(0, 0, 0, 1, true).origin(0);
    c.queue(0, 800); // load 100: score 100.125
    c.queue(1, 800); // 100.4375
    assertEquals(c.node(0).id(), TestCluster.id(s.place(fromRegion0)),
        "any finite score beats an infinite one");
    c.setOnline(0, false);
    c.setOnline(1, false);
    // only C is online, and no path reaches it: the job waits centrally
    assertNull(s.place(fromRegion0));
    Job fromRegion2 = new Job(0, 0, 0, 1, true).origin(2);
    assertEquals(c.node(2).id(), TestCluster.id(s.place(fromRegion2)),
        "reachable from its own region");
  }

  @Test
  void latencyAwareTakesTheLeastLoadedNodeWithinARegion() {
    // two nodes in region 0 (ids 0 and 1), one in region 1 (id 2), 1 slot each
    TestCluster c = TestCluster.uniform(3).regions(0, 0, 1)
        .rtt(new double[][] {{0.0, 5.0}, {5.0, 0.0}});
    Scheduler s = c.attach(Schedulers.create("latency-aware"), 1);
    c.queue(0, 3); // region 0: node 0 at 3, node 1 at 1 -> candidate node 1, score 1
    c.queue(1, 1);
    assertEquals(c.node(1).id(), TestCluster.id(s.place(JOB)));
    c.queue(1, 5); // node 1 at 6: candidate node 0 at 3 < 5 + 0
    assertEquals(c.node(0).id(), TestCluster.id(s.place(JOB)));
    c.queue(0, 3); // node 0 at 6: region 1's node 2, score 5 + 0
    assertEquals(c.node(2).id(), TestCluster.id(s.place(JOB)));
  }
}
