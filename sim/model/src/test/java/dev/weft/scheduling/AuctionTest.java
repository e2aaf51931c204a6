package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The reverse auction: the cheapest bidder that can meet the job's deadline wins, and the job
 * carries the price of the cheapest competing bidder (the second price).
 */
class AuctionTest {

  /** Two cheap nodes (bid 1) and two dear ones (bid 2), one slot each, speed 1. */
  private static TestCluster twoClasses() {
    return TestCluster.uniform(4).bids(1, 2, 1, 2);
  }

  @Test
  void theCheapClassWinsWhileItHasRoomWhereLoadAloneWouldSpreadTheJobs() {
    // four slots a node: a cheap node holding one job (delay 0.5) still has room, so it wins
    // over an idle dear node (delay 0.25), which ranking by delay first (least-loaded, and the
    // old auction, whose bids only broke exact ties) would choose; jobs end at random
    for (String policy : new String[] {"auction", "least-loaded"}) {
      TestCluster c = new TestCluster(new Node(0, 0, 4, 1), new Node(1, 1, 4, 1),
          new Node(2, 0, 4, 1), new Node(3, 1, 4, 1)).bids(1, 2, 1, 2);
      Scheduler s = c.attach(Schedulers.create(policy), 5);
      UniformRandomProvider ends = RandomSource.XO_SHI_RO_256_PP.create(8L);
      int[] won = new int[4];
      for (int k = 0; k < 20_000; k++) {
        Node n = s.place(new Job(k, 0, 0, 1, true));
        won[c.indexOf(n)]++;
        c.take(n);
        for (int i = 0; i < 4; i++) {
          Node m = c.node(i);
          for (int j = m.busy(); j > 0; j--) {
            if (ends.nextDouble() < 0.3) {
              c.finish(m);
            }
          }
        }
      }
      double cheap = (won[0] + won[2]) / 20_000.0;
      if (policy.equals("auction")) {
        // the cheap pair holds 8 slots against about 3.3 jobs in service: it nearly always
        // has room (the threshold is a margin under that, not a fitted value)
        assertTrue(cheap > 0.9, "cheap class share " + cheap);
        assertEquals(won[0], won[2], 0.05 * won[0], "equal bids share by draw");
      } else {
        assertEquals(0.5, cheap, 0.02, "by delay alone the classes share evenly");
      }
    }
  }

  @Test
  void aNodeThatCannotMeetTheDeadlineDoesNotBid() {
    // a cheap node a tenth as fast: an empty one expects 10 s, the dear fast ones 1 s
    TestCluster c = new TestCluster(new Node(0, 0, 1, 0.1), new Node(1, 1, 1, 1),
        new Node(2, 1, 1, 1)).bids(1, 2, 2).timeLeft(5);
    Scheduler s = c.attach(Schedulers.create("auction"), 1);
    Job job = new Job(0, 0, 0, 1, true);
    assertEquals(2.0, c.market().bid(s.place(job)), "too slow for the deadline: the dear win");
    assertEquals(2.0, job.secondBid(), "against the other dear node");
    c.timeLeft(20);
    job = new Job(1, 0, 0, 1, true);
    assertEquals(0, c.indexOf(s.place(job)), "with time enough the cheap one wins");
    assertEquals(2.0, job.secondBid());
  }

  @Test
  void theSecondPriceIsTheCheapestCompetingBid() {
    TestCluster c = twoClasses();
    Scheduler s = c.attach(Schedulers.create("auction"), 3);
    Job job = new Job(0, 0, 0, 1, true);
    Node first = s.place(job);
    assertEquals(1.0, job.secondBid(), "both cheap nodes bid: the price is their bid");
    c.take(first);
    job = new Job(1, 0, 0, 1, true);
    Node second = s.place(job);
    assertEquals(1.0, c.market().bid(second), "the other cheap node wins");
    assertEquals(2.0, job.secondBid(), "and had to beat only the dear ones");
    c.take(second);
    c.take(s.place(new Job(2, 0, 0, 1, true)));
    job = new Job(3, 0, 0, 1, true);
    s.place(job);
    assertEquals(Double.POSITIVE_INFINITY, job.secondBid(), "the last free node bids alone");
  }

  @Test
  void withNoBidderTheSoonestNodeTakesTheJobUncontested() {
    TestCluster c = twoClasses();
    Scheduler s = c.attach(Schedulers.create("auction"), 1);
    c.queue(0, 2);
    c.queue(1, 1);
    c.queue(2, 2);
    c.queue(3, 2);
    Job job = new Job(0, 0, 0, 1, true);
    assertEquals(1, c.indexOf(s.place(job)), "nobody has room: the shortest queue");
    assertEquals(Double.POSITIVE_INFINITY, job.secondBid());
  }

  @Test
  void amongEqualBidsItPicksALeastDelayNodeWithRoom() {
    // random speeds, slots, queues and bids in {1, 2}: every pick must be a node with room at
    // the cheapest bid any node with room has, and at the least delay among those
    UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(17L);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(12);
      Node[] nodes = new Node[n];
      double[] bids = new double[n];
      for (int i = 0; i < n; i++) {
        nodes[i] = new Node(i, 0, 1 + r.nextInt(3), 0.5 + r.nextDouble());
        bids[i] = 1 + r.nextInt(2);
      }
      TestCluster c = new TestCluster(nodes).bids(bids);
      Scheduler s = c.attach(Schedulers.create("auction"), round);
      for (int step = 0; step < 20; step++) {
        int i = r.nextInt(n);
        c.queue(i, r.nextInt(3));
        double cheapest = Double.POSITIVE_INFINITY;
        for (Node m : nodes) {
          if (m.load() < 1) {
            cheapest = Math.min(cheapest, c.market().bid(m));
          }
        }
        double best = Double.POSITIVE_INFINITY;
        for (Node m : nodes) {
          if (m.load() < 1 && c.market().bid(m) == cheapest) {
            best = Math.min(best, c.delay(m));
          }
        }
        Node picked = s.place(new Job(step, 0, 0, 1, true));
        if (cheapest == Double.POSITIVE_INFINITY) {
          double soonest = Double.POSITIVE_INFINITY;
          for (Node m : nodes) {
            soonest = Math.min(soonest, c.delay(m));
          }
          assertEquals(soonest, c.delay(picked), "round " + round + ": nobody has room");
        } else {
          assertTrue(picked.load() < 1, "round " + round + ": picked a full node");
          assertEquals(cheapest, c.market().bid(picked), "round " + round);
          assertEquals(best, c.delay(picked), "round " + round);
        }
      }
    }
  }
}
