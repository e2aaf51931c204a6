package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.Arrivals;
import dev.weft.scenario.Availability;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Churn starts in its stationary state: from t = 0, without warm-up, a node is offline with
 * probability q = E[down] / (E[up] + E[down]) at every instant, whatever the period
 * distributions. The offline times are read from the trace's node-down and node-up rows, not
 * from the run's own averages.
 *
 * <p>Tolerance: at a fixed instant each of N independent nodes is offline with probability q,
 * so the offline share is a binomial proportion with standard deviation sqrt(q (1 - q) / N).
 * A node's offline share over a window is a [0, 1] variable with mean q, whose variance is at
 * most q (1 - q) (the Bernoulli's, the largest a [0, 1] variable with that mean can have), so
 * the same bound holds for the window average. Every check allows 4.5 standard deviations
 * (two-sided false alarm 7e-6 per check; the seeds are fixed anyway).
 */
class ChurnStartTest {
  static final int N = 4000;
  static final double H = 3600;

  static Scenario scenario(DistSpec up, DistSpec down, double duration) {
    NodeClass c = new NodeClass("churners", N, "abstract", 1, 1, 1.0,
        new Availability(up, down), 0, Map.of("honest", 1.0));
    // a trickle of work: placement and the job flow run, but nothing here depends on them
    return new Scenario("churn-start", "", 17, duration, 0, List.of(c),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(0.01), DistSpec.constant(1.0),
            null)),
        new SchedulerConfig("least-loaded", 2), new Outputs(duration / 10, false), null);
  }

  /** Per node, the offline intervals the trace shows, as a step function queried by time. */
  static final class OfflineTrace {
    final double[] downSince = new double[N];
    final double[][] intervals = new double[N][];
    final int[] count = new int[N];
    final double end;

    OfflineTrace(Scenario s) {
      end = s.duration();
      java.util.Arrays.fill(downSince, -1);
      for (int i = 0; i < N; i++) {
        intervals[i] = new double[8];
      }
      new World(s).trace((time, event, job, node) -> {
        if (event == TraceEvent.NODE_DOWN) {
          assertTrue(downSince[node] < 0, "node " + node + " went down twice");
          downSince[node] = time;
        } else if (event == TraceEvent.NODE_UP) {
          assertTrue(downSince[node] >= 0, "node " + node + " came up without going down");
          add(node, downSince[node], time);
          downSince[node] = -1;
        }
      }).run();
      for (int i = 0; i < N; i++) {
        if (downSince[i] >= 0) {
          add(i, downSince[i], end);
        }
      }
    }

    private void add(int node, double from, double to) {
      if (count[node] + 2 > intervals[node].length) {
        intervals[node] = java.util.Arrays.copyOf(intervals[node], intervals[node].length * 2);
      }
      intervals[node][count[node]++] = from;
      intervals[node][count[node]++] = to;
    }

    /** Share of nodes offline at {@code t} (an interval [from, to) holds t). */
    double offlineAt(double t) {
      int off = 0;
      for (int i = 0; i < N; i++) {
        for (int k = 0; k < count[i]; k += 2) {
          if (intervals[i][k] <= t && t < intervals[i][k + 1]) {
            off++;
            break;
          }
        }
      }
      return off / (double) N;
    }

    /** Time-averaged share of nodes offline over [a, b]. */
    double offlineOver(double a, double b) {
      double sum = 0;
      for (int i = 0; i < N; i++) {
        for (int k = 0; k < count[i]; k += 2) {
          sum += Math.max(0, Math.min(b, intervals[i][k + 1]) - Math.max(a, intervals[i][k]));
        }
      }
      return sum / (N * (b - a));
    }
  }

  static void assertStationary(DistSpec up, DistSpec down, double q, double horizon,
      String what) {
    OfflineTrace t = new OfflineTrace(scenario(up, down, horizon));
    double tol = 4.5 * Math.sqrt(q * (1 - q) / N);
    // the first ten minutes, where a fresh start shows almost no node offline
    assertEquals(q, t.offlineOver(0, 600), tol, what + ": offline share over [0, 10 min]");
    for (double at : new double[] {0, 0.25 * horizon, 0.5 * horizon, 0.75 * horizon}) {
      assertEquals(q, t.offlineAt(at), tol, what + ": offline share at t = " + at + " s");
    }
  }

  @Test
  void exponentialPeriodsStartStationary() {
    // q = 1 / (3 + 1)
    assertStationary(DistSpec.exponentialMean(3 * H), DistSpec.exponentialMean(H), 0.25,
        8 * H, "exponential");
  }

  @Test
  void constantPeriodsStartStationary() {
    // deterministic periods started in phase would stay in phase for ever; q = 1 / (3 + 1).
    // The horizon instants fall at 0, 1.5, 3 and 4.5 h: a start with fresh periods would have
    // every node up at t = 0, and after that exactly the length-biased phase decides.
    assertStationary(DistSpec.constant(3 * H), DistSpec.constant(H), 0.25, 6 * H, "constant");
  }

  @Test
  void lognormalUpAndWeibullDownStartStationary() {
    // E[up] = median exp(sigma^2 / 2) = 2 h e^0.5; E[down] = scale Gamma(1 + 1/shape)
    // with shape 0.8: Gamma(2.25) = 1.25 Gamma(1.25) = 1.1330030963193463 (E[down] = 1.133 h)
    DistSpec up = new DistSpec("lognormal", Map.of("median", 2 * H, "sigma", 1.0), null);
    DistSpec down = new DistSpec("weibull", Map.of("shape", 0.8, "scale", H), null);
    double eUp = 2 * H * Math.exp(0.5);
    double eDown = 1.1330030963193463 * H;
    assertStationary(up, down, eDown / (eUp + eDown), 8 * H, "lognormal/weibull");
  }

  @Test
  void theEconomySeesTheStartState() {
    // periods far longer than the run: whoever starts down stays down through the one epoch,
    // and the downtime rule (availability under 0.8 in the epoch: slash and jail) must catch
    // exactly those, which it can only if the economy was told at t = 0
    int n = 400;
    NodeClass c = new NodeClass("churners", n, "abstract", 1, 1, 1.0,
        new Availability(DistSpec.constant(1e7), DistSpec.constant(1e7)), 1000,
        Map.of("honest", 1.0));
    var e = TestRecords.with(EconomicsRunTest.defaults(), "epoch", H,
        "slashing.downtime.threshold", 0.8, "slashing.downtime.jail", 86400.0,
        "operators.joinLeave", false);
    Scenario s = new Scenario("churn-economy", "", 5, H, 0, List.of(c),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(0.01), DistSpec.constant(1.0),
            null)),
        new SchedulerConfig("least-loaded", 2), new Outputs(600, false), e);
    double[] downSince = new double[n];
    double[] offline = new double[n];
    int[] startedDown = {0};
    java.util.Arrays.fill(downSince, -1);
    RunResult r = new World(s).trace((time, event, job, node) -> {
      if (event == TraceEvent.NODE_DOWN && downSince[node] < 0) {
        downSince[node] = time;
        startedDown[0] += time == 0 ? 1 : 0;
      } else if (event == TraceEvent.NODE_UP && downSince[node] >= 0) {
        offline[node] += time - downSince[node];
        downSince[node] = -1;
      }
    }).run();
    int below = 0;
    for (int i = 0; i < n; i++) {
      double off = offline[i] + (downSince[i] >= 0 ? H - downSince[i] : 0);
      below += 1 - off / H < 0.8 ? 1 : 0;
    }
    assertEquals(0.5 * n, startedDown[0], 4.5 * Math.sqrt(0.25 * n), "q = 1/2");
    assertEquals(below, r.economics().operators().jailings(),
        "operators jailed for downtime = nodes the trace shows under 80% available");
  }
}
