package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, after a run, that the counters a World keeps agree with the jobs themselves: slots
 * held only by running attempts, the queued and centrally queued counts equal to the live
 * waiting jobs, inbound counts equal to the jobs on their way. Each count is taken from the
 * jobs (through the run's creation seam), not from the counters it checks.
 */
final class Bookkeeping {
  private final List<JobRun> runs = new ArrayList<>();

  /** Watches every job {@code w} creates; call before {@link World#run}. */
  Bookkeeping(World w) {
    w.context().onCreate(runs::add);
  }

  void check(World w) {
    RunContext ctx = w.context();
    Node[] nodes = ctx.nodes;
    int[] inbound = new int[nodes.length];
    int waitingInQueues = 0;
    for (JobRun r : runs) {
      Job j = r.job;
      if (j.isWaiting() && r.attempt.phase == NetworkPhase.NONE) {
        waitingInQueues++;
      }
      if (j.isWaiting() && r.attempt.phase.inbound()) {
        inbound[j.nodeId()]++;
      }
      if (j.state() != Job.State.RUNNING) {
        assertNull(r.attempt.gang, "job " + j.id() + " " + j.state() + " keeps its gang");
      }
    }
    assertEquals(waitingInQueues, w.queuedLive(), "queued");
    for (Node n : nodes) {
      List<JobRun> running = ctx.station(n.id()).running();
      assertEquals(n.busy(), running.size(), "node " + n.id() + " busy");
      for (JobRun r : running) {
        Job j = r.job;
        assertEquals(Job.State.RUNNING, j.state(), "job " + j.id() + " on node " + n.id());
        if (r.attempt.gang == null) {
          assertEquals(n.id(), j.nodeId(), "job " + j.id() + " holds a slot elsewhere");
        } else {
          assertTrue(List.of(r.attempt.gang.members()).contains(n),
              "gang job " + j.id() + " on " + n.id());
          assertFalse(r.attempt.gang.over(), "gang of job " + j.id() + " over");
        }
      }
      if (!n.online()) {
        assertEquals(0, n.busy(), "offline node " + n.id() + " holds slots");
      }
      assertEquals(inbound[n.id()], n.inbound(), "node " + n.id() + " inbound");
    }
    for (Placement.Group g : w.placement().groups()) {
      int live = 0;
      for (JobRun r : g.central) {
        if (r.job.isWaiting()) {
          live++;
        }
      }
      assertEquals(live, g.centralLive, "centralLive");
    }
  }
}
