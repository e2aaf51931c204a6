package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Load-driven policies rank nodes by the expected delay of {@link Cluster#delay}, here its
 * default (load + 1 / slots) / speed: a node twice as fast is worth twice the queue. Expected
 * picks are worked by hand in the comments.
 */
class SpeedTest {
  private static final Job JOB = new Job(0, 0, 0, 1, true);

  /** A slow node (id 0, speed 1) listed before a fast one (id 1, speed 2), one slot each. */
  private static TestCluster slowThenFast() {
    return new TestCluster(new Node(0, 0, 1, 1.0), new Node(1, 0, 1, 2.0));
  }

  @Test
  void theFasterNodeGetsTheJobAtEqualQueueLength() {
    for (String policy : List.of("least-loaded", "auction", "latency-aware")) {
      for (int k = 0; k < 5; k++) {
        TestCluster c = slowThenFast();
        Scheduler s = c.attach(Schedulers.create(policy), 7);
        c.queue(0, k);
        c.queue(1, k);
        // delays (k + 1) / 1 against (k + 1) / 2
        assertEquals(1, TestCluster.id(s.place(JOB)), policy + " with " + k + " queued on each");
      }
    }
  }

  @Test
  void aNodeTwiceAsFastTakesTwoJobsInThree() {
    // next-job delays: slow n_s + 1, fast (n_f + 1) / 2. From empty: fast (0.5), then both
    // at 1 (drawn, one each), then fast at 1.5 against slow at 2 ... after every third job the
    // fast node holds exactly two thirds of them
    TestCluster c = slowThenFast();
    c.attach(Schedulers.create("least-loaded"), 3);
    for (int k = 1; k <= 200; k++) {
      c.place(JOB, 3, true);
      assertEquals(k, c.node(0).busy() + c.node(0).queued(), "slow after " + 3 * k);
      assertEquals(2 * k, c.node(1).busy() + c.node(1).queued(), "fast after " + 3 * k);
    }
  }

  @Test
  void powerOfTwoPrefersTheFasterOfItsDraws() {
    // two draws with replacement from {slow, fast}: the slow node wins only when drawn twice
    TestCluster c = slowThenFast();
    Scheduler s = c.attach(Schedulers.create("power-of-two"), 13);
    Frequencies.assertFits(Frequencies.count(s, c, 20_000), new double[] {1, 3}, "slow, fast");
  }

  @Test
  void auctionRanksBidBeforeDelayAmongBidders() {
    TestCluster c = slowThenFast().bids(0.1, 0.5);
    Scheduler s = c.attach(Schedulers.create("auction"), 9);
    assertEquals(0, TestCluster.id(s.place(JOB)), "both can start it: the cheaper bid wins");
    c.queue(0, 1);
    assertEquals(1, TestCluster.id(s.place(JOB)), "the cheap node is full: the dearer bids");
  }
}
