package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;

/**
 * Checks, after a run, that the counters a World keeps agree with the jobs themselves: slots
 * held only by running attempts, the queued and centrally queued counts equal to the live
 * waiting jobs, inbound counts equal to the jobs on their way. Reads World's private state, so
 * tests can catch bookkeeping drift that the results alone would hide.
 */
final class Bookkeeping {
  private Bookkeeping() {}

  static void check(World w, Collection<Job> jobs) throws Exception {
    Node[] nodes = (Node[]) get(w, "nodes");
    int[] inbound = new int[nodes.length];
    int waitingInQueues = 0;
    for (Job j : jobs) {
      if (j.isWaiting() && j.networkPhase == 0) {
        waitingInQueues++;
      }
      if (j.isWaiting() && (j.networkPhase == 1 || j.networkPhase == 2)) {
        inbound[j.nodeId()]++;
      }
      if (j.state() != Job.State.RUNNING) {
        assertEquals(null, j.gang, "job " + j.id() + " " + j.state() + " keeps its gang");
      }
    }
    assertEquals(waitingInQueues, (int) get(w, "queuedLive"), "queuedLive");
    for (Node n : nodes) {
      assertEquals(n.busy(), n.runningJobs().size(), "node " + n.id() + " busy");
      for (Job j : n.runningJobs()) {
        assertEquals(Job.State.RUNNING, j.state(), "job " + j.id() + " on node " + n.id());
        if (j.gang == null) {
          assertEquals(n.id(), j.nodeId(), "job " + j.id() + " holds a slot elsewhere");
        } else {
          Node[] members = (Node[]) get(j.gang, "members");
          assertTrue(List.of(members).contains(n), "gang job " + j.id() + " on " + n.id());
          assertFalse((boolean) get(j.gang, "over"), "gang of job " + j.id() + " over");
        }
      }
      if (!n.online()) {
        assertEquals(0, n.busy(), "offline node " + n.id() + " holds slots");
      }
      assertEquals(inbound[n.id()], (int) get(n, "inbound"), "node " + n.id() + " inbound");
    }
    for (Object g : (List<?>) get(w, "groups")) {
      int live = 0;
      for (Object o : (ArrayDeque<?>) get(g, "central")) {
        if (((Job) o).isWaiting()) {
          live++;
        }
      }
      assertEquals(live, (int) get(g, "centralLive"), "centralLive");
    }
  }

  static Object get(Object o, String name) throws Exception {
    Class<?> c = o.getClass();
    while (c != null) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException e) {
        c = c.getSuperclass();
      }
    }
    throw new NoSuchFieldException(name);
  }
}
