package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * How policies break ties today, pinned in one place because issue #11 will change
 * tie-breaking: when it does, these tests are the ones to rewrite, and no other scheduler test
 * depends on a tie rule.
 *
 * <ul>
 *   <li>least-loaded: equal load goes to the lowest node id (not the lowest local index);
 *   <li>auction: equal load goes to the lowest bid, equal bids (-0.0 equals 0.0) to the
 *       lowest node id;
 *   <li>power-of-two: equal load of the two draws goes to the first draw;
 *   <li>latency-aware: equal score goes to the lowest region index; within a region, as
 *       least-loaded.
 * </ul>
 */
class TieRulesTodayTest {
  private static final Job JOB = new Job(0, 0, 0, 1, true);

  /** Local indexes 0..3 hold ids 12, 10, 13, 11: ties must follow ids, not positions. */
  private static TestCluster idsOutOfOrder() {
    return new TestCluster(new Node(12, 0, 1, 1), new Node(10, 0, 1, 1), new Node(13, 0, 1, 1),
        new Node(11, 0, 1, 1));
  }

  @Test
  void leastLoadedTiesGoToTheLowestNodeIdToday() {
    TestCluster c = idsOutOfOrder().bids(0, 5, 0, 0); // a bid, ignored without the auction
    Scheduler s = c.attach(Schedulers.create("least-loaded"), 1);
    assertEquals(10, TestCluster.id(s.place(JOB)), "all at 0");
    c.serving(1, 0.5);
    assertEquals(11, TestCluster.id(s.place(JOB)));
    c.serving(3, 0.5); // ids 10 and 11 at 0.5, 12 and 13 at 0
    assertEquals(12, TestCluster.id(s.place(JOB)));
    c.setOnline(0, false); // id 12 leaves
    assertEquals(13, TestCluster.id(s.place(JOB)));
    c.serving(2, 0.25); // 13 at 0.25 is still the least
    assertEquals(13, TestCluster.id(s.place(JOB)));
    c.serving(2, 0.75); // 10, 11 at 0.5 tie: id 10
    assertEquals(10, TestCluster.id(s.place(JOB)));
  }

  @Test
  void leastLoadedTiesAmongUnequalSlotsGoToTheLowestNodeIdToday() {
    // 1, 2 and 4 slots (ids 0, 1, 2), each job adding 1/slots: loads worked by hand
    TestCluster c = new TestCluster(new Node(0, 0, 1, 1), new Node(1, 0, 2, 1),
        new Node(2, 0, 4, 1));
    c.attach(Schedulers.create("least-loaded"), 1);
    // (0,0,0) tie -> 0; (1,0,0) tie -> 1; (1,.5,0) -> 2; (1,.5,.25) -> 2; (1,.5,.5) tie -> 1;
    // (1,1,.5) -> 2; (1,1,.75) -> 2; (1,1,1) tie -> 0
    assertEquals(List.of(0, 1, 2, 2, 1, 2, 2, 0), c.place(JOB, 8, true));
  }

  @Test
  void auctionTiesInLoadAndBidGoToTheLowestNodeIdToday() {
    TestCluster c = idsOutOfOrder().bids(3, 2, 1, 1); // ids 12, 10, 13, 11
    Scheduler s = c.attach(Schedulers.create("auction"), 1);
    assertEquals(11, TestCluster.id(s.place(JOB)), "bid 1: ids 11 and 13");
    c.queue(3, 1);
    assertEquals(13, TestCluster.id(s.place(JOB)));
    c.queue(2, 1); // 11 and 13 loaded: bid 2 (id 10) next
    assertEquals(10, TestCluster.id(s.place(JOB)));
    c.bids(0.5, 2, 1, 1); // id 12 now bids lowest
    s.weightsChanged();
    assertEquals(12, TestCluster.id(s.place(JOB)));
    c.bids(0.0, -0.0, 1, 1); // equal as bids: the lower id, 10, wins
    s.weightsChanged();
    assertEquals(10, TestCluster.id(s.place(JOB)));
    // at equal load and bid, a lap of placements goes by id
    TestCluster lap = new TestCluster(new Node(9, 0, 1, 1), new Node(4, 0, 1, 1),
        new Node(6, 0, 1, 1)).bids(0.2, 0.2, 0.1);
    lap.attach(Schedulers.create("auction"), 1);
    assertEquals(List.of(6, 4, 9, 6, 4, 9), lap.place(JOB, 6, true));
  }

  @Test
  void powerOfTwoTiesGoToTheFirstDrawToday() {
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
  void latencyAwareTiesGoToTheLowestRegionToday() {
    // one node per region, both 0.25 s away from region 2 where the job starts
    TestCluster c = new TestCluster(new Node(1, 0, 1, 1), new Node(0, 0, 1, 1),
        new Node(2, 0, 1, 1)).regions(1, 0, 2).rtt(new double[][] {
            {0, 1, 0.25}, {1, 0, 0.25}, {0.25, 0.25, 2}});
    Scheduler s = c.attach(Schedulers.create("latency-aware"), 1);
    Job fromRegion2 = new Job(0, 0, 0, 1, true).origin(2);
    assertEquals(c.node(1).id(), TestCluster.id(s.place(fromRegion2)), "region 0's node, id 0");
  }
}
