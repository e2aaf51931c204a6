package dev.weft.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.run.RunResult;
import dev.weft.run.World;
import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.RecordDefaults;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replication summary's Student-t interval against closed forms and the t table. */
class ReplicationsTest {
  @Test
  @SuppressWarnings("unchecked")
  void returnsPerClassAndBehaviourGetAnIntervalAcrossReplications() {
    Scenario base = new Scenario("econ", "", 3, 6 * 3600, 3600,
        List.of(new NodeClass("ops", 10, "abstract", 1, 1, 1.0, null, 5000,
            Map.of("honest", 0.8, "lazy", 0.2))),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(5), DistSpec.exponentialMean(1.0),
            30.0)),
        new SchedulerConfig("least-loaded", 2), new Outputs(600, false),
        RecordDefaults.of(EconomicsConfig.class));
    List<RunResult> runs = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      runs.add(new World(base.withSeed(Replications.seed(3, r))).run());
    }
    var metrics = (Map<String, Object>) Replications.summary(runs).get("metrics");
    var m = (Map<String, Object>) metrics.get("economics.returns.ops.honest.roi");
    double sum = 0;
    double[] v = new double[3];
    for (int r = 0; r < 3; r++) {
      v[r] = runs.get(r).economics().returns().stream()
          .filter(g -> g.behaviour().equals("honest")).findFirst().orElseThrow().roi();
      sum += v[r];
    }
    assertEquals(sum / 3, (double) m.get("mean"), 1e-12 * Math.abs(sum));
    assertEquals(3, m.get("replications"));
    var ci = (List<Double>) m.get("ci95");
    assertArrayEquals(new double[] {Replications.meanAndHalfWidth(v)[0]
        - Replications.meanAndHalfWidth(v)[1], Replications.meanAndHalfWidth(v)[0]
        + Replications.meanAndHalfWidth(v)[1]}, new double[] {ci.get(0), ci.get(1)}, 1e-9);
    assertEquals(true, metrics.containsKey("economics.roi.lazy"));
  }

  @Test
  void twoValuesUseTheCauchyQuantile() {
    // one degree of freedom: t is Cauchy, t(0.975) = tan(0.475 pi); sd of {1, 3} is sqrt(2),
    // so the half-width t sd / sqrt(2) is t itself
    double[] m = Replications.meanAndHalfWidth(new double[] {1, 3});
    double t = Math.tan(0.475 * Math.PI);
    assertEquals(2, m[0]);
    assertEquals(Math.sqrt(2), m[2], 1e-15);
    assertEquals(t, m[1], 1e-12 * t);
  }

  @Test
  void threeValuesUseTheTwoDegreeClosedForm() {
    // two degrees of freedom: F(t) = 1/2 + t / (2 sqrt(t^2 + 2)), so with q = 2p - 1 = 0.95,
    // t = q sqrt(2 / (1 - q^2)); {1, 2, 3} has mean 2 and sd 1
    double q = 0.95;
    double t = q * Math.sqrt(2 / (1 - q * q));
    double[] m = Replications.meanAndHalfWidth(new double[] {1, 2, 3});
    assertEquals(2, m[0]);
    assertEquals(1, m[2], 1e-15);
    assertEquals(t / Math.sqrt(3), m[1], 1e-13);
  }

  @Test
  void fiveValuesMatchTheTable() {
    // t(0.975, 4) = 2.776445105 (tables); {0, 0, 0, 0, 5}: mean 1, sd sqrt(5), so the
    // half-width t sd / sqrt(5) is t itself
    double[] m = Replications.meanAndHalfWidth(new double[] {0, 0, 0, 0, 5});
    assertEquals(1, m[0]);
    assertEquals(Math.sqrt(5), m[2], 1e-14);
    assertEquals(2.776445105, m[1], 1e-9);
  }

  @Test
  void oneValueHasNoInterval() {
    assertArrayEquals(new double[] {7, 0, 0}, Replications.meanAndHalfWidth(new double[] {7}));
  }
}
