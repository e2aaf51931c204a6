package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every registered policy must do, whatever it ranks by (the {@link Scheduler} contract):
 * return only online nodes, return null when no node is online, and on a full cluster either
 * hold the job centrally (a policy that {@link Scheduler#queuesCentrally queues centrally}) or
 * still name an online node to queue at (one that does not: its central queue only holds jobs
 * while no node is online).
 */
class SchedulersTest {
  private static final Job JOB = new Job(0, 0, 0, 1, true);

  static List<String> policies() {
    return Schedulers.names();
  }

  @Test
  void registryNamesTheShippedPolicies() {
    // the names scenarios use: renaming one breaks scenario files, so it is a format change
    assertEquals(Set.of("fifo-central", "random", "round-robin", "least-loaded", "power-of-two",
        "stake-weighted", "auction", "latency-aware"), Set.copyOf(Schedulers.names()));
    assertEquals(Schedulers.names().size(), new HashSet<>(Schedulers.names()).size());
  }

  @ParameterizedTest
  @MethodSource("policies")
  void everyNameCreatesAFreshPolicy(String name) {
    Scheduler a = Schedulers.create(name);
    assertNotNull(a, name);
    // policies keep per-run state (indexes, cursors): each group of a run needs its own
    assertNotSame(a, Schedulers.create(name), name);
  }

  @Test
  void unknownNameIsRejectedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Schedulers.create("shortest-queue"));
    assertTrue(e.getMessage().contains("'shortest-queue'"), e.getMessage());
    for (String name : Schedulers.names()) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  /**
   * Many jobs through a mixed cluster while nodes leave and return, with jobs taken and
   * finished as a run would: every node returned is online at the moment it is returned.
   */
  @ParameterizedTest
  @MethodSource("policies")
  void placesOnlyOnlineNodes(String name) {
    TestCluster c = TestCluster.mixed();
    c.setOnline(1, false); // offline before attach: the policy must see that too
    Scheduler s = c.attach(Schedulers.create(name), 7);
    int placed = 0;
    for (int k = 0; k < 600; k++) {
      switch (k % 100) {
        case 10 -> c.setOnline(0, false);
        case 30 -> c.setOnline(1, true);
        case 50 -> c.setOnline(3, false);
        case 70 -> c.setOnline(0, true);
        case 90 -> {
          c.setOnline(3, true);
          c.setOnline(1, false);
        }
        default -> { }
      }
      Node n = s.place(JOB);
      if (n != null) {
        assertTrue(n.online(), name + " placed job " + k + " on offline node " + n.id());
        c.take(n);
        placed++;
      }
      if (k % 2 == 1) {
        finishOne(c, k);
      }
    }
    // every policy keeps placing while nodes are online and slots keep freeing
    assertTrue(placed > 300, name + " placed only " + placed);
  }

  /** Frees one busy slot, on a node chosen by turn, as completions would. */
  private static void finishOne(TestCluster c, int k) {
    for (int t = 0; t < c.size(); t++) {
      Node n = c.node((k + t) % c.size());
      if (n.busy() > 0) {
        c.finish(n);
        return;
      }
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  void noNodeOnlineAtAttachGivesNull(String name) {
    TestCluster c = TestCluster.mixed();
    for (int i = 0; i < c.size(); i++) {
      c.setOnline(i, false);
    }
    Scheduler s = c.attach(Schedulers.create(name), 3);
    assertNull(s.place(JOB), name);
  }

  @ParameterizedTest
  @MethodSource("policies")
  void noNodeOnlineAfterChurnGivesNullUntilOneReturns(String name) {
    TestCluster c = TestCluster.mixed();
    Scheduler s = c.attach(Schedulers.create(name), 3);
    for (int i = 0; i < c.size(); i++) {
      c.setOnline(i, false);
    }
    for (int k = 0; k < 20; k++) {
      assertNull(s.place(JOB), name);
    }
    c.setOnline(2, true);
    assertEquals(2, TestCluster.id(s.place(JOB)), name + ": the only node online");
  }

  @ParameterizedTest
  @MethodSource("policies")
  void fullClusterQueuesCentrallyOnlyForCentralPolicies(String name) {
    TestCluster c = TestCluster.mixed();
    Scheduler s = c.attach(Schedulers.create(name), 5);
    c.setOnline(4, false);
    c.fill();
    for (int k = 0; k < 20; k++) {
      Node n = s.place(JOB);
      if (s.queuesCentrally()) {
        assertNull(n, name + " queues centrally: no idle node, no placement");
      } else {
        assertNotNull(n, name + " keeps jobs in node queues while a node is online");
        assertTrue(n.online(), name);
        c.take(n);
      }
    }
  }

  @Test
  void onlyFifoCentralQueuesCentrally() {
    for (String name : Schedulers.names()) {
      assertEquals(name.equals("fifo-central"), Schedulers.create(name).queuesCentrally(), name);
    }
  }
}
