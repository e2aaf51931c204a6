package dev.weft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.run.RunResult;
import dev.weft.run.World;
import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void userTextIsEscapedEverywhere() {
    String evil = "<script>alert('x')</script> & \"quotes\" | pipes";
    Scenario s = new Scenario("x", evil, 1, 600, 0,
        List.of(NodeClass.of("<b>class</b>", 2)),
        List.of(Workload.synthetic("w<i>", Arrivals.poisson(1.0),
            DistSpec.constant(0.5), null)), new SchedulerConfig("random", 0),
        new Outputs(60, false), null);
    RunResult r = new World(s).run();
    Report report = new Report(s, r, Map.of(), "evil: " + evil, "test");
    String html = report.html();
    assertFalse(html.contains("<script>"), "script tag must be escaped");
    assertFalse(html.contains("<b>class"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    String md = report.markdown();
    assertFalse(md.contains("<script>"));
    assertTrue(md.contains("\\| pipes"));
  }

  @Test
  void csvIsStableAndQuoted() {
    assertEquals("3", Csv.num(3.0));
    assertEquals("0.1", Csv.num(0.1));
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
  }

  @Test
  void cellsASpreadsheetWouldRunAreNeutralisedButNumbersStay() {
    assertEquals("'=HYPERLINK(\"http://x\")", Csv.neutralised("=HYPERLINK(\"http://x\")"));
    assertEquals("\"'=1+2,3\"", Csv.field("=1+2,3"));
    assertEquals("'+cmd", Csv.field("+cmd"));
    assertEquals("'-x", Csv.field("-x"));
    assertEquals("'@SUM(A1)", Csv.field("@SUM(A1)"));
    assertEquals("'\tx", Csv.field("\tx"));
    for (String number : List.of("-1", "-1.5", "+2", "-1e-9", "-.5", "-Infinity", "NaN", "0")) {
      assertEquals(number, Csv.field(number), "a number stays a number");
    }
    assertEquals("plain", Csv.field("plain"));
    // end to end: the node-class and workload files of a run
    Scenario s = new Scenario("x", "", 1, 600, 0, List.of(NodeClass.of("=cmd|' /C calc'!A0",
        2)), List.of(Workload.synthetic("@evil", Arrivals.poisson(1.0), DistSpec.constant(0.5),
        null)), new SchedulerConfig("random", 0), new Outputs(60, false), null);
    RunResult r = new World(s).run();
    assertTrue(Csv.nodeClasses(r.nodeClasses()).contains("\n'=cmd|' /C calc'!A0,"));
    assertTrue(Csv.workloads(r).contains("\n'@evil,"));
  }

  @Test
  void aClassThatCompletedNoJobHasNoLatencyNotZero() {
    // one job in 10^9 seconds: none arrives in 10 minutes
    Scenario s = new Scenario("x", "", 1, 600, 0, List.of(NodeClass.of("a", 2)),
        List.of(Workload.synthetic("w", Arrivals.poisson(1e-9), DistSpec.constant(0.5), null)),
        new SchedulerConfig("random", 0), new Outputs(60, false), null);
    RunResult r = new World(s).run();
    assertEquals(0, r.nodeClasses().get(0).completed());
    assertTrue(Double.isNaN(r.nodeClasses().get(0).latencyMean()));
    @SuppressWarnings("unchecked")
    Map<String, Object> cls = ((List<Map<String, Object>>) Summary.tree(r, "test", Map.of())
        .get("nodeClasses")).get(0);
    assertTrue(cls.containsKey("latencyMean"));
    assertEquals(null, cls.get("latencyMean"), "null in summary.json");
    assertTrue(Csv.nodeClasses(r.nodeClasses()).endsWith(",0,\n"), "empty in the CSV");
    assertTrue(new Report(s, r, Map.of(), "", "test").markdown().contains("| 0 | - |"));
  }

  @Test
  void theReportHasNoWallClockFigure() {
    Scenario s = new Scenario("x", "", 1, 600, 0, List.of(NodeClass.of("a", 2)),
        List.of(Workload.synthetic("w", Arrivals.poisson(1.0), DistSpec.constant(0.5), null)),
        new SchedulerConfig("random", 0), new Outputs(60, false), null);
    RunResult r = new World(s).run();
    Report report = new Report(s, r, Map.of(), "", "test");
    assertFalse(report.markdown().contains("wall"), "wall time is only in summary.json's run");
    assertFalse(report.html().contains("wall"));
    assertTrue(report.markdown().contains("| events | " + r.events() + " |"));
  }

  @Test
  void chartTicksDoNotDependOnTheLocale() {
    Scenario s = new Scenario("x", "", 1, 3600, 0, List.of(NodeClass.of("a", 2)),
        List.of(Workload.synthetic("w", Arrivals.poisson(1.3), DistSpec.constant(0.5), null)),
        new SchedulerConfig("random", 0), new Outputs(60, false), null);
    RunResult r = new World(s).run();
    java.util.Locale before = java.util.Locale.getDefault();
    Map<String, String> root;
    Map<String, String> german;
    try {
      java.util.Locale.setDefault(java.util.Locale.ROOT);
      root = Charts.all(r);
      java.util.Locale.setDefault(java.util.Locale.GERMANY);
      german = Charts.all(r);
    } finally {
      java.util.Locale.setDefault(before);
    }
    assertEquals(root, german);
  }

  @Test
  void chartsAreSvg() {
    Scenario s = new Scenario("x", "", 1, 3600, 0,
        List.of(NodeClass.of("a", 2)),
        List.of(Workload.synthetic("w", Arrivals.poisson(1.0),
            DistSpec.constant(0.5), null)), new SchedulerConfig("random", 0),
        new Outputs(60, false), null);
    Map<String, String> charts = Charts.all(new World(s).run());
    assertEquals(5, charts.size());
    charts.values().forEach(svg -> assertTrue(svg.startsWith("<svg"), svg.substring(0, 40)));
  }
}
