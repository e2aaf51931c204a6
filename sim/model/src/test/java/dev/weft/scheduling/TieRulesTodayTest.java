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
 *   <li>auction: equal load and equal bid goes to the lowest node id;
 *   <li>power-of-two: equal load of the two draws goes to the first draw;
 *   <li>latency-aware: equal score goes to the lowest region index; within a region, as
 *       least-loaded.
 * </ul>
 */
class TieRulesTodayTest {
  private static final Job JOB = new Job(0, 0, 0, 1, true);

  @Test
  void leastLoadedTiesGoToTheLowestNodeIdToday() {
    // ids deliberately out of local order: local 0 is id 7, local 1 is id 3, local 2 is id 5
    TestCluster c = new TestCluster(new Node(7, 0, 1, 1), new Node(3, 0, 1, 1),
        new Node(5, 0, 1, 1));
    c.attach(Schedulers.create("least-loaded"), 1);
    // equal loads throughout a lap: ids 3, 5, 7, then again at load 1
    assertEquals(List.of(3, 5, 7, 3, 5, 7), c.place(JOB, 6, true));
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
    TestCluster c = new TestCluster(new Node(9, 0, 1, 1), new Node(4, 0, 1, 1),
        new Node(6, 0, 1, 1)).bids(0.2, 0.2, 0.1);
    c.attach(Schedulers.create("auction"), 1);
    // bid 0.1 first, then the two at 0.2 by id
    assertEquals(List.of(6, 4, 9, 6, 4, 9), c.place(JOB, 6, true));
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
