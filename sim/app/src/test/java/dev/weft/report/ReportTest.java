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
