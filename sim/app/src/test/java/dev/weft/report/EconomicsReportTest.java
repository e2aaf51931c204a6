package dev.weft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.economics.EconomicsSummary;
import dev.weft.run.RunResult;
import dev.weft.run.TraceEvent;
import dev.weft.run.World;
import dev.weft.scenario.Arrivals;
import dev.weft.scenario.Availability;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.RecordDefaults;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #12 item 12 and 13: the per-operator ledger agrees with the summary's returns (summed
 * another way), and charts stay bounded whatever the horizon.
 */
class EconomicsReportTest {

  private static RunResult run() {
    return new World(scenario(3600)).run();
  }

  private static Scenario scenario(double warmup) {
    NodeClass c = new NodeClass("ops", 30, "abstract", 1, 1, 1.0,
        new Availability(DistSpec.exponentialMean(6 * 3600), DistSpec.exponentialMean(600)),
        5000, Map.of("honest", 0.8, "lazy", 0.2));
    EconomicsConfig e = RecordDefaults.of(EconomicsConfig.class);
    return new Scenario("econ", "", 3, 12 * 3600, warmup, List.of(c),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(10), DistSpec.exponentialMean(1.0),
            30.0)),
        new SchedulerConfig("least-loaded", 2), new Outputs(600, false), e);
  }

  @Test
  void theTraceHasTheEconomysEventsByOperator() {
    Map<TraceEvent, Integer> count = new java.util.EnumMap<>(TraceEvent.class);
    int[] withoutOperator = new int[1];
    RunResult r = new World(scenario(0)).trace((time, event, job, node) -> {
      count.merge(event, 1, Integer::sum);
      if (event.ordinal() >= TraceEvent.VERIFICATION.ordinal() && node < 0) {
        withoutOperator[0]++;
      }
    }).run();
    EconomicsSummary e = r.economics();
    assertTrue(e.jobs().fraudSlashes() > 0, "lazy operators are caught");
    assertEquals(e.jobs().fraudSlashes(), (long) count.getOrDefault(TraceEvent.VERDICT_FAIL, 0),
        "each failed verdict is one fraud penalty");
    assertTrue(count.getOrDefault(TraceEvent.VERDICT_PASS, 0) >= e.jobs().paid(),
        "every paid result had a passing verdict");
    assertTrue(count.getOrDefault(TraceEvent.SLASH_FRAUD, 0) <= e.jobs().fraudSlashes());
    assertTrue(count.getOrDefault(TraceEvent.PAYMENT, 0) > 0);
    assertEquals(0, withoutOperator[0]);
  }

  @Test
  void theOperatorLedgerAddsUpToTheReturnsTable() {
    RunResult r = run();
    EconomicsSummary e = r.economics();
    String csv = Csv.operators(e.operatorLedger());
    String[] lines = csv.split("\n");
    assertEquals(31, lines.length, "a header and one row per operator");
    List<String> header = List.of(lines[0].split(","));
    assertTrue(header.containsAll(List.of("class", "behaviour", "region", "stakeStart",
        "stakeEnd", "rewards", "revenue", "slashedDowntime", "slashedFraud", "jailedSeconds",
        "costs", "capital", "profit", "roi", "firstJunk")), header.toString());
    // the CSV's columns, summed per behaviour, give the summary's figures
    Map<String, double[]> sums = new HashMap<>();
    int beh = header.indexOf("behaviour");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1);
      double[] s = sums.computeIfAbsent(f[beh], k -> new double[3]);
      s[0] += Double.parseDouble(f[header.indexOf("revenue")]);
      s[1] += Double.parseDouble(f[header.indexOf("costs")]);
      s[2] += Double.parseDouble(f[header.indexOf("profit")]);
    }
    for (EconomicsSummary.Returns ret : e.returns()) {
      double[] s = sums.get(ret.behaviour());
      assertEquals(ret.revenue(), s[0], 1e-6 * Math.abs(ret.revenue()) + 1e-9);
      assertEquals(ret.costs(), s[1], 1e-6 * ret.costs());
      assertEquals(ret.revenue() - ret.costs() - ret.slashedValue(), s[2],
          1e-6 * Math.abs(s[2]) + 1e-9);
    }
    double slashedFraud = e.operatorLedger().stream()
        .mapToDouble(o -> o.slashedByCause().get("fraud")).sum();
    assertTrue(slashedFraud <= e.slashedByCause().get("fraud") + 1e-9,
        "own stake slashed is at most all stake slashed (delegated stake is the rest)");
    assertTrue(Charts.all(r).containsKey("operator-profit"));
  }

  @Test
  void longLinesAreDecimatedKeepingTheirExtremes() {
    int n = 1_000_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = Math.sin(i / 1000.0);
    }
    y[123_457] = 50; // a one-sample spike
    y[876_543] = -50;
    double[][] d = Charts.downsample(x, y, 1000);
    assertEquals(2000, d[0].length);
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < d[1].length; i++) {
      max = Math.max(max, d[1][i]);
      min = Math.min(min, d[1][i]);
      assertTrue(i == 0 || d[0][i] >= d[0][i - 1], "time order kept");
    }
    assertEquals(50, max);
    assertEquals(-50, min);
    double[][] shortLine = Charts.downsample(new double[] {1, 2}, new double[] {3, 4}, 1000);
    assertEquals(2, shortLine[0].length);
  }
}
