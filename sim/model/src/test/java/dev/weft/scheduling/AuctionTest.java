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
  void theCheapClassWinsMostJobsWhileItCanMeetTheDeadline() {
    // every node's delay is its queue + 1 (one slot, speed 1): with 3 s left a node holding up
    // to 2 jobs meets the deadline, so the cheap pair takes jobs until each holds 3; jobs end
    // at random. By delay alone (least-loaded, which the old auction was up to bid ties) the
    // four nodes would share the jobs about evenly
    TestCluster c = twoClasses().timeLeft(3);
    Scheduler s = c.attach(Schedulers.create("auction"), 5);
    UniformRandomProvider ends = RandomSource.XO_SHI_RO_256_PP.create(8L);
    int[] won = new int[4];
    for (int k = 0; k < 20_000; k++) {
      Node n = s.place(new Job(k, 0, 0, 1, true));
      won[c.indexOf(n)]++;
      c.take(n);
      for (int i = 0; i < 4; i++) {
        Node m = c.node(i);
        if (m.busy() > 0 && ends.nextDouble() < 0.4) {
          c.finish(m);
          if (m.queued() > 0) {
            c.queue(i, -1);
            m.occupySlot();
            s.loadChanged(m);
          }
        }
      }
    }
    double cheap = (won[0] + won[2]) / 20_000.0;
    assertTrue(cheap > 0.75, "cheap class share " + cheap);
    assertTrue(won[1] + won[3] > 0, "the dear class wins when the cheap one is full");
    assertEquals(won[0], won[2], 0.05 * won[0], "equal bids share by draw");
  }

  @Test
  void aNodeThatCannotMeetTheDeadlineDoesNotBid() {
    TestCluster c = twoClasses().timeLeft(2);
    Scheduler s = c.attach(Schedulers.create("auction"), 1);
    c.queue(0, 2); // delay 3 > 2
    Job job = new Job(0, 0, 0, 1, true);
    assertEquals(2, c.indexOf(s.place(job)));
    assertEquals(2.0, job.secondBid(), "the other cheap node is out: the next bid is 2");
    c.queue(2, 1); // delay 2: still in time, and now the only cheap bidder
    job = new Job(1, 0, 0, 1, true);
    assertEquals(2, c.indexOf(s.place(job)));
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
  void withNobodyInTimeTheSoonestNodeTakesTheJobUncontested() {
    TestCluster c = twoClasses().timeLeft(0.5); // nobody finishes in half a second
    Scheduler s = c.attach(Schedulers.create("auction"), 1);
    c.queue(0, 1);
    c.queue(2, 1);
    c.queue(3, 1);
    Job job = new Job(0, 0, 0, 1, true);
    assertEquals(1, c.indexOf(s.place(job)), "the only node without a queue");
    assertEquals(Double.POSITIVE_INFINITY, job.secondBid());
  }
}
