package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.node.Node;
import dev.weft.scenario.Availability;
import dev.weft.scenario.ChurnStart;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scheduling.Schedulers;
import dev.weft.workload.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job flow on runs small enough to work out by hand: jobs arrive at listed times, service
 * is constant, nodes fail at fixed times, so every event time is exact and each job's trace is
 * compared with its hand-worked timeline. Times are multiples of powers of two, so sums are
 * exact in floating point.
 */
class JobFlowTest {
  private static final double EPS = 1e-12;

  /** Every registered policy; on one node they must all give the same timeline. */
  static List<String> policies() {
    return Schedulers.names();
  }

  /** Where a job that cannot start at once waits: node 0's queue, or the central queue. */
  private static String queuedAt(String policy) {
    return Schedulers.create(policy).queuesCentrally() ? "" : " @0";
  }

  private static List<NodeClass> oneNode(int slots) {
    return List.of(new NodeClass("n", 1, "abstract", 1, slots, 1.0, null, 0, null));
  }

  /** A class of one node that goes down at {@code upFor} and stays down past any test's end. */
  private static NodeClass failingAt(String name, double upFor) {
    return NodeClass.of(name, 1).withAvailability(
        new Availability(DistSpec.constant(upFor), DistSpec.constant(1e6), ChurnStart.UP));
  }

  /** One stream of jobs of constant {@code service} arriving at {@code times} on one node. */
  private static Timeline.Ran oneStream(String policy, int slots, double service,
      double... times) {
    return Timeline.run(Timeline.scenario(policy, 2, 20, 0, oneNode(slots),
        Timeline.jobsAt("jobs", service, null)), Timeline.times("jobs", times));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void oneSlotWaitAndLatencyAreExact(String policy) {
    // service 2; arrivals 0, 1, 5: job 0 runs 0-2, job 1 waits 1-2 and runs 2-4, job 2 finds
    // the node idle at 5 and runs 5-7
    Timeline.Ran t = oneStream(policy, 1, 2, 0, 1, 5);
    String q = queuedAt(policy);
    assertEquals(List.of("0.0 submitted", "0.0 started @0", "2.0 completed @0"), t.job(0));
    assertEquals(List.of("1.0 submitted", "1.0 queued" + q, "2.0 started @0",
        "4.0 completed @0"), t.job(1));
    assertEquals(List.of("5.0 submitted", "5.0 started @0", "7.0 completed @0"), t.job(2));
    JobStats j = t.jobs();
    assertEquals(3, j.submitted());
    assertEquals(3, j.completed());
    assertEquals(1.0 / 3, j.waitTime().mean(), EPS); // waits 0, 1, 0
    assertEquals(7.0 / 3, j.latency().mean(), EPS); // latencies 2, 3, 2
    assertEquals(2.0, j.latency().p50(), EPS); // sorted 2, 2, 3
  }

  @ParameterizedTest
  @MethodSource("policies")
  void aQueueFormsAndDrainsFirstComeFirstServed(String policy) {
    // service 2 on one slot, arrivals every 0.5 s from 0: starts 0, 2, 4, 6, 8, waits 0, 1.5,
    // 3, 4.5, 6 (mean 3, median 3), completions 2, 4, 6, 8, 10
    Timeline.Ran t = oneStream(policy, 1, 2, 0, 0.5, 1, 1.5, 2);
    String q = queuedAt(policy);
    assertEquals(List.of("0.0 submitted", "0.0 started @0", "2.0 completed @0"), t.job(0));
    for (int k = 1; k < 5; k++) {
      double arrival = 0.5 * k;
      assertEquals(List.of(arrival + " submitted", arrival + " queued" + q,
          2.0 * k + " started @0", 2.0 * (k + 1) + " completed @0"), t.job(k), "job " + k);
    }
    assertEquals(3.0, t.jobs().waitTime().mean(), EPS);
    assertEquals(3.0, t.jobs().waitTime().p50(), EPS);
    assertEquals(0, t.world().queuedLive(), "the queue drained");
  }

  @ParameterizedTest
  @MethodSource("policies")
  void twoSlotsDrainTheQueueAsEachFrees(String policy) {
    // service 2 on one node of 2 slots, arrivals 0, 0.5, 1, 1.5, 2.25:
    // jobs 0 and 1 start at once (0-2, 0.5-2.5); job 2 takes the slot freed at 2 (2-4), job 3
    // the one freed at 2.5 (2.5-4.5), job 4 the one freed at 4 (4-6). Waits 0, 0, 1, 1, 1.75.
    Timeline.Ran t = oneStream(policy, 2, 2, 0, 0.5, 1, 1.5, 2.25);
    String q = queuedAt(policy);
    assertEquals(List.of("0.5 submitted", "0.5 started @0", "2.5 completed @0"), t.job(1));
    assertEquals(List.of("1.0 submitted", "1.0 queued" + q, "2.0 started @0",
        "4.0 completed @0"), t.job(2));
    assertEquals(List.of("1.5 submitted", "1.5 queued" + q, "2.5 started @0",
        "4.5 completed @0"), t.job(3));
    assertEquals(List.of("2.25 submitted", "2.25 queued" + q, "4.0 started @0",
        "6.0 completed @0"), t.job(4));
    assertEquals(3.75 / 5, t.jobs().waitTime().mean(), EPS);
  }

  @ParameterizedTest
  @MethodSource("policies")
  void deadlinesExpireQueuedAndRunningJobsOnceAndFreeTheSlot(String policy) {
    // one node, one slot; three streams:
    //   long  (service 10, no deadline) at 0 and 13
    //   short (service 1, deadline 2)   at 1 and 9.5
    //   slow  (service 5, deadline 3)   at 12
    // job 0 long   0: runs 0-10
    // job 1 short  1: waits behind job 0, expires queued at 3; skipped when the slot frees
    // job 2 short  9.5: waits, starts at 10 when job 0 ends, done at 11 (before its 11.5)
    // job 3 slow   12: starts at once, would end at 17, expires running at 15
    // job 4 long   13: waits behind job 3, starts at 15 on the slot job 3 left, done at 25
    Scenario s = Timeline.scenario(policy, 2, 40, 0, oneNode(1),
        Timeline.jobsAt("long", 10, null), Timeline.jobsAt("short", 1, 2.0),
        Timeline.jobsAt("slow", 5, 3.0));
    Timeline.Ran t = Timeline.run(s, Timeline.times("long", 0, 13),
        Timeline.times("short", 1, 9.5), Timeline.times("slow", 12));
    String q = queuedAt(policy);
    assertEquals(List.of("0.0 submitted", "0.0 started @0", "10.0 completed @0"), t.job(0));
    assertEquals(List.of("1.0 submitted", "1.0 queued" + q, "3.0 expired"), t.job(1));
    assertEquals(List.of("9.5 submitted", "9.5 queued" + q, "10.0 started @0",
        "11.0 completed @0"), t.job(2));
    assertEquals(List.of("12.0 submitted", "12.0 started @0", "15.0 expired"), t.job(3));
    assertEquals(List.of("13.0 submitted", "13.0 queued" + q, "15.0 started @0",
        "25.0 completed @0"), t.job(4));
    JobStats j = t.jobs();
    assertEquals(List.of(5L, 3L, 0L, 2L, 0L),
        List.of(j.submitted(), j.completed(), j.failed(), j.expired(), j.inFlight()));
    assertEquals(0.4, j.deadlineMissRate(), EPS); // 2 of 5 resolved
    assertEquals(2.5 / 4, j.waitTime().mean(), EPS); // started: 0, 0.5, 0, 2
    assertEquals(23.5 / 3, j.latency().mean(), EPS); // completed: 10, 1.5, 12
    JobStats shortJobs = t.result().workloads().get("short");
    assertEquals(List.of(2L, 1L, 1L),
        List.of(shortJobs.submitted(), shortJobs.completed(), shortJobs.expired()));
    assertEquals(1, t.result().workloads().get("slow").expired());
    Node n = t.world().context().nodes[0];
    assertEquals(List.of(0, 0), List.of(n.busy(), n.queued()), "the node ends empty");
    assertEquals(0, t.world().queuedLive());
  }

  @Test
  void aNodeGoingDownInterruptsItsJobWhichCompletesElsewhere() {
    // round-robin: job 0 goes to node 0, which fails at 5; the job is dispatched again, to
    // node 1, and runs its full 10 s there: 5-15. Its wait is to the first start: 0.
    Scenario s = Timeline.scenario("round-robin", 2, 40, 0,
        List.of(failingAt("flaky", 5), NodeClass.of("steady", 1)),
        Timeline.jobsAt("jobs", 10, null));
    Timeline.Ran t = Timeline.run(s, Timeline.times("jobs", 0));
    assertEquals(List.of("0.0 submitted", "0.0 started @0", "5.0 interrupted @0",
        "5.0 started @1", "15.0 completed @1"), t.job(0));
    assertEquals(List.of("5.0 node-down @0"), t.trace().nodeEvents());
    assertEquals(2, t.created().get(0).job.attempts());
    assertEquals(List.of(1L, 1L, 0L), List.of(t.jobs().submitted(), t.jobs().completed(),
        t.jobs().failed()));
    assertEquals(0.0, t.jobs().waitTime().mean(), EPS);
    assertEquals(15.0, t.jobs().latency().mean(), EPS);
  }

  @Test
  void aJobFailsWhenItsRetriesAreSpent() {
    // retries 1: node 0 fails at 5 (attempt 1 lost, one retry left), node 1 at 8 (attempt 2
    // lost, none left): failed at 8 on node 1
    Scenario s = Timeline.scenario("round-robin", 1, 40, 0,
        List.of(failingAt("a", 5), failingAt("b", 8)), Timeline.jobsAt("jobs", 10, null));
    Timeline.Ran t = Timeline.run(s, Timeline.times("jobs", 0));
    assertEquals(List.of("0.0 submitted", "0.0 started @0", "5.0 interrupted @0",
        "5.0 started @1", "8.0 failed @1"), t.job(0));
    assertEquals(List.of(1L, 0L, 1L), List.of(t.jobs().submitted(), t.jobs().completed(),
        t.jobs().failed()));
  }

  @Test
  void waitingJobsOfAFailedNodeAreReplacedWithoutSpendingARetry() {
    // retries 0; round-robin over node 0 (fails at 5) and node 1; service 10, arrivals 0, 1, 2:
    // job 0 -> node 0 (runs), job 1 -> node 1 (runs 1-11), job 2 -> node 0 (waits).
    // At 5 node 0 fails: job 0 was running and has no retry: failed. Job 2 was only waiting:
    // it is placed again, on node 1, behind job 1: 11-21.
    Scenario s = Timeline.scenario("round-robin", 0, 40, 0,
        List.of(failingAt("flaky", 5), NodeClass.of("steady", 1)),
        Timeline.jobsAt("jobs", 10, null));
    Timeline.Ran t = Timeline.run(s, Timeline.times("jobs", 0, 1, 2));
    assertEquals(List.of("0.0 submitted", "0.0 started @0", "5.0 failed @0"), t.job(0));
    assertEquals(List.of("1.0 submitted", "1.0 started @1", "11.0 completed @1"), t.job(1));
    assertEquals(List.of("2.0 submitted", "2.0 queued @0", "5.0 queued @1", "11.0 started @1",
        "21.0 completed @1"), t.job(2));
    assertEquals(List.of(3L, 2L, 1L), List.of(t.jobs().submitted(), t.jobs().completed(),
        t.jobs().failed()));
  }

  @Test
  void onlyJobsSubmittedAfterWarmupAreCounted() {
    // warm-up 1.5; service 2, arrivals 0, 1, 2.5: job 2 waits for jobs 0 (0-2) and 1 (2-4),
    // runs 4-6: the only counted job, wait 1.5, latency 3.5
    Scenario s = Timeline.scenario("least-loaded", 2, 20, 1.5, oneNode(1),
        Timeline.jobsAt("jobs", 2, null));
    JobStats j = Timeline.run(s, Timeline.times("jobs", 0, 1, 2.5)).jobs();
    assertEquals(List.of(1L, 1L), List.of(j.submitted(), j.completed()));
    assertEquals(1.5, j.waitTime().mean(), EPS);
    assertEquals(3.5, j.latency().mean(), EPS);
  }

  /**
   * A churning run near capacity with deadlines and one retry, cut off mid-flight: every
   * counted job submitted is completed, failed, expired or still in flight, where in-flight is
   * counted from the trace (jobs with no outcome event) and again from the jobs' own states,
   * never as the remainder.
   */
  @ParameterizedTest
  @MethodSource("policies")
  void jobsAreConserved(String policy) {
    Scenario base = Scenarios.withChurn(Scenarios.withDeadline(Scenarios.queue(policy, 6, 4.5,
        DistSpec.exponentialMean(1.0), 400, 50, 3), 5.0), DistSpec.exponentialMean(10),
        DistSpec.exponentialMean(2));
    Scenario s = new Scenario(base.name(), "", base.seed(), base.duration(), base.warmup(),
        base.nodes(), base.workload(), new SchedulerConfig(policy, 1),
        base.outputs(), null);
    Timeline.Ran ran = Timeline.run(s);
    Timeline t = ran.trace();
    List<JobRun> created = ran.created();
    World w = ran.world();
    JobStats j = ran.jobs();

    long submitted = 0;
    long[] outcomes = new long[3]; // completed, failed, expired
    long inFlightByTrace = 0;
    long retried = 0;
    for (Map.Entry<Long, Job> e : t.jobs().entrySet()) {
      List<String> events = t.job(e.getKey());
      int ends = 0;
      for (int k = 0; k < events.size(); k++) {
        int o = outcome(events.get(k));
        if (o >= 0) {
          ends++;
          assertEquals(events.size() - 1, k, "job " + e.getKey() + ": events after " + events);
          if (e.getValue().counted()) {
            outcomes[o]++;
          }
        }
      }
      assertTrue(ends <= 1, "job " + e.getKey() + " ended twice: " + events);
      retried += events.stream().anyMatch(x -> x.contains(" interrupted")) ? 1 : 0;
      if (e.getValue().counted()) {
        submitted++;
        inFlightByTrace += ends == 0 ? 1 : 0;
      }
    }
    long inFlightByState = created.stream().filter(run -> run.job.counted()
        && (run.job.state() == Job.State.QUEUED || run.job.state() == Job.State.RUNNING))
        .count();
    assertEquals(List.of(j.submitted(), j.completed(), j.failed(), j.expired()),
        List.of(submitted, outcomes[0], outcomes[1], outcomes[2]), policy);
    assertEquals(inFlightByTrace, inFlightByState, policy);
    assertEquals(j.submitted(), j.completed() + j.failed() + j.expired() + inFlightByTrace,
        policy);
    assertTrue(inFlightByTrace > 0 && j.failed() > 0 && j.expired() > 0 && retried > 0,
        policy + ": the run should end with every kind of outcome and jobs in flight: " + j);

    // what is in flight sits somewhere: on a slot or in a queue, and nowhere else
    long running = 0;
    for (Node n : w.context().nodes) {
      running += w.context().station(n.id()).running().size();
      assertEquals(n.busy(), w.context().station(n.id()).running().size());
    }
    long waiting = created.stream().filter(run -> run.job.isWaiting()).count();
    long runningJobs = created.stream()
        .filter(run -> run.job.state() == Job.State.RUNNING).count();
    assertEquals(runningJobs, running, policy);
    assertEquals(waiting, w.queuedLive(), policy);
  }

  /** 0 completed, 1 failed, 2 expired, -1 not an outcome. */
  private static int outcome(String event) {
    String name = event.split(" ")[1];
    return switch (name) {
      case "completed" -> 0;
      case "failed" -> 1;
      case "expired" -> 2;
      default -> -1;
    };
  }
}
