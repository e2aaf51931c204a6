package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Listing node classes in another order must not change which class does the work: for each
 * policy, the fast class's share of completed jobs with the classes listed [slow, fast] and
 * [fast, slow] agree within replication noise.
 *
 * <p>The tolerance comes from the replication spread: each order runs R independent seeds
 * (1..R and 101..100+R, so no common random numbers hide a difference), and Welch's test
 * compares the two mean shares: with sample variances v1, v2, the difference of the means over
 * sqrt(v1 / R + v2 / R) is approximately Student's t with the Welch-Satterthwaite degrees of
 * freedom when the order does not matter. The test fails beyond the two-sided 1e-4 quantile.
 * A share over 18,000 jobs spreads by about half a percentage point between seeds (the
 * binomial sd alone, sqrt(p(1 - p) / n), is 0.35 points); listing the fast class first moved
 * least-loaded's fast share by tens of points before placement was made order-free.
 */
class PlacementOrderTest {
  private static final int SEEDS = 6;
  private static final NodeClass SLOW = new NodeClass("slow", 6, "abstract", 1, 1, 1.0, null,
      0, Map.of("honest", 1.0));
  private static final NodeClass FAST = new NodeClass("fast", 3, "abstract", 1, 1, 2.0, null,
      0, Map.of("honest", 1.0));

  /** 12 jobs per second of capacity (6 x 1 + 3 x 2), offered 6: half loaded. */
  private static Scenario scenario(String policy, List<NodeClass> classes, long seed) {
    return new Scenario("order", "", seed, 3600, 300, classes,
        List.of(Workload.synthetic("jobs", Arrivals.poisson(6), DistSpec.exponentialMean(1),
            null)),
        new SchedulerConfig(policy, 2), new Outputs(60, false), null);
  }

  private static double fastShare(RunResult r) {
    long fast = 0;
    long all = 0;
    for (ClassStats c : r.nodeClasses()) {
      all += c.completed();
      fast += c.name().equals("fast") ? c.completed() : 0;
    }
    return fast / (double) all;
  }

  @Test
  void classSharesDoNotDependOnTheOrderClassesAreListedIn() {
    List<String> failures = new ArrayList<>();
    for (String policy : List.of("least-loaded", "auction", "latency-aware", "power-of-two",
        "round-robin", "fifo-central", "random")) {
      double[] slowFirst = new double[SEEDS];
      double[] fastFirst = new double[SEEDS];
      for (int s = 0; s < SEEDS; s++) {
        slowFirst[s] = fastShare(new World(scenario(policy, List.of(SLOW, FAST), 1 + s)).run());
        fastFirst[s] = fastShare(new World(scenario(policy, List.of(FAST, SLOW), 101 + s))
            .run());
      }
      double diff = Welch.mean(slowFirst) - Welch.mean(fastFirst);
      double bound = Welch.bound(slowFirst, fastFirst, 1e-4);
      if (!(Math.abs(diff) <= bound)) {
        failures.add(policy + ": fast share " + Welch.mean(slowFirst) + " listed second, "
            + Welch.mean(fastFirst) + " listed first (bound " + bound + ")");
      }
    }
    assertTrue(failures.isEmpty(), String.join("; ", failures));
  }
}
