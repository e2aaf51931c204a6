package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Utilization and busy time of slot nodes against the closed forms of M/M/c, and Little's law
 * per node class against a count of jobs in the system taken from the trace.
 *
 * <p>Tolerances come from the run itself by batch means (Law and Kelton, "Simulation Modeling
 * and Analysis", ch. 9): the series holds one average per {@code metricsInterval} (duration /
 * 50, thousands of service times long, so neighbouring batches are nearly independent), and the
 * estimate must lie within four standard errors of the batch means of the closed form.
 */
class CapacityTest {

  /** c = 4 slots on one node, Poisson arrivals at 2.4/s, exponential service of mean 1 s. */
  static Scenario mm4OnOneNode(double duration, long seed) {
    NodeClass node = new NodeClass("server", 1, "abstract", 1, 4, 1.0, null, 0,
        Map.of("honest", 1.0));
    return new Scenario("mm4", "", seed, duration, duration / 50, List.of(node),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(2.4), DistSpec.exponentialMean(1.0),
            null)),
        new SchedulerConfig("least-loaded", 2), new Outputs(duration / 50, false), null);
  }

  /** Mean of a series column after warm-up and four standard errors of its batch means. */
  static double[] batchMeans(RunResult r, String column) {
    double[] time = r.series().column("time");
    double[] v = r.series().column(column);
    double sum = 0;
    double sq = 0;
    int k = 0;
    for (int i = 0; i < v.length; i++) {
      if (time[i] > r.warmup() + 1e-9) {
        sum += v[i];
        sq += v[i] * v[i];
        k++;
      }
    }
    double mean = sum / k;
    double sd = Math.sqrt((sq - k * mean * mean) / (k - 1));
    return new double[] {mean, 4 * sd / Math.sqrt(k)};
  }

  /**
   * M/M/c (c = 4, a = lambda/mu = 2.4): utilization is rho = a/c = 0.6, and the node holds a
   * job whenever the system is not empty: busy = 1 - P0, P0 = 1 / (sum_{k<c} a^k/k! +
   * a^c/(c! (1 - rho))) = 0.0831 (Kleinrock, "Queueing Systems" vol. 1, eq. 3.39).
   */
  @Test
  void oneNodeWithFourSlotsIsAnMm4Queue() {
    RunResult r = new World(mm4OnOneNode(2e5, 5)).run();
    double a = 2.4;
    int c = 4;
    double rho = a / c;
    double sum = 0;
    double term = 1;
    for (int k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    double p0 = 1 / (sum + term / (1 - rho)); // term = a^c / c! here
    assertEquals(0.0831, p0, 1e-4, "the textbook value");
    double[] u = batchMeans(r, "utilization");
    double[] busy = batchMeans(r, "busy");
    assertTrue(u[1] < 0.01 && busy[1] < 0.01, "a run long enough to tell: " + u[1]);
    assertEquals(rho, r.nodes().utilization(), u[1], "utilization = lambda / (c mu)");
    assertEquals(1 - p0, r.nodes().busy(), busy[1], "busy = P(N >= 1) = 1 - P0");
    assertEquals(r.nodes().utilization(), r.nodeClasses().get(0).utilization(), 1e-12);
    assertEquals(r.nodes().busy(), r.nodeClasses().get(0).busy(), 1e-12);
  }

  /** Four one-slot nodes fed from one FIFO queue: M/M/4 again, and busy = utilization. */
  @Test
  void fourOneSlotNodesShareTheLoad() {
    RunResult r = new World(Scenarios.queue("fifo-central", 4, 2.4,
        DistSpec.exponentialMean(1.0), 2e5, 4e3, 9)).run();
    double[] u = batchMeans(r, "utilization");
    assertEquals(0.6, r.nodes().utilization(), u[1]);
    assertEquals(r.nodes().utilization(), r.nodes().busy(), 1e-12,
        "a one-slot node is busy exactly when its slot is");
  }

  /**
   * Little's law per node class, L = lambda W: the mean number of jobs in the system that
   * complete on a class, integrated from the trace (submission to completion of each job, cut
   * to the window after warm-up), against the class's completed jobs per second times their
   * mean latency from the result. Two classes of different speed under least-loaded, so the
   * classes differ in both rate and latency. The two differ only by jobs submitted before
   * warm-up (in L, not in lambda W): a few latencies over a long window, far below 2%.
   */
  @Test
  void littlesLawHoldsPerNodeClass() {
    Scenario base = Scenarios.queue("least-loaded", 1, 3.0, DistSpec.exponentialMean(1.0),
        5e4, 2e3, 13);
    Scenario s = new Scenario(base.name(), "", base.seed(), base.duration(), base.warmup(),
        List.of(NodeClass.of("slow", 2), new NodeClass("fast", 2, "abstract", 1, 1, 2.0, null,
            0, Map.of("honest", 1.0))),
        base.workload(), base.scheduler(), base.outputs(), null);
    Map<Long, Double> submitted = new HashMap<>();
    double[] area = new double[2];
    World w = new World(s);
    int[] classOfNode = new int[4];
    for (int n = 0; n < 4; n++) {
      classOfNode[n] = w.context().nodes[n].classIndex();
    }
    double from = s.warmup();
    double to = s.duration();
    w.trace((time, event, job, node) -> {
      if (event == TraceEvent.SUBMITTED) {
        submitted.put(job.id(), time);
      } else if (event == TraceEvent.COMPLETED) {
        double start = Math.max(from, submitted.remove(job.id()));
        area[classOfNode[node]] += Math.max(0, Math.min(to, time) - start);
      }
    });
    RunResult r = w.run();
    double span = to - from;
    for (int c = 0; c < 2; c++) {
      ClassStats cs = r.nodeClasses().get(c);
      double jobsInSystem = area[c] / span;
      double littles = cs.completed() / span * cs.latencyMean();
      assertTrue(cs.completed() > 10_000, cs.name() + " did real work");
      assertEquals(jobsInSystem, littles, 0.02 * jobsInSystem, cs.name());
      assertTrue(cs.busy() >= cs.utilization(), cs.name());
    }
  }
}
