package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.scenario.Arrivals;
import dev.weft.scenario.Availability;
import dev.weft.scenario.ChurnStart;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.FaultEvent;
import dev.weft.scenario.FaultKind;
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
 * A node-class fault takes exactly that class offline for exactly its period, read from the
 * trace's node-down and node-up rows; the online average follows the closed form; and a fault
 * over a node that churn also holds down lets it up only when both have let go.
 */
class FaultsRunTest {
  static Scenario scenario(List<NodeClass> classes, List<FaultEvent> faults) {
    return new Scenario("faults", "", 3, 1000, 0, classes,
        List.of(Workload.synthetic("jobs", Arrivals.poisson(0.5), DistSpec.constant(1.0),
            null)),
        new SchedulerConfig("least-loaded", 2), new Outputs(100, false), null, null, faults);
  }

  /** Per node, its down and up times in trace order. */
  static List<List<Double>> transitions(Scenario s, int nodes) {
    List<List<Double>> out = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      out.add(new ArrayList<>());
    }
    new World(s).trace((time, event, job, node) -> {
      if (event == TraceEvent.NODE_DOWN || event == TraceEvent.NODE_UP) {
        out.get(node).add(event == TraceEvent.NODE_DOWN ? time : -time);
      }
    }).run();
    return out;
  }

  @Test
  void aClassFaultTakesThatClassDownForItsPeriod() {
    NodeClass a = NodeClass.of("a", 10);
    NodeClass b = NodeClass.of("b", 20);
    Scenario s = scenario(List.of(a, b), List.of(new FaultEvent(FaultKind.CLASS, "bad-driver",
        100, 200, null, "a", 1)));
    List<List<Double>> t = transitions(s, 30);
    for (int n = 0; n < 10; n++) {
      assertEquals(List.of(100.0, -300.0), t.get(n), "node " + n + " of class a");
    }
    for (int n = 10; n < 30; n++) {
      assertEquals(List.of(), t.get(n), "node " + n + " of class b never goes down");
    }
    // time-average online nodes over [0, 1000): 30 for 800 s, 20 for 200 s
    RunResult r = new World(s).run();
    assertEquals((30 * 800 + 20 * 200) / 1000.0, r.nodes().onlineMean(), 1e-9);
  }

  @Test
  void aNodeHeldByAFaultAndByChurnComesBackWhenBothLetGo() {
    // churn: up 150 s, down 100 s, starting up: down over [150, 250), [400, 500), [650, 750)
    NodeClass a = new NodeClass("a", 1, "abstract", 1, 1, 1.0, new Availability(
        DistSpec.constant(150), DistSpec.constant(100), ChurnStart.UP), 0,
        Map.of("honest", 1.0));
    Scenario s = scenario(List.of(a), List.of(new FaultEvent(FaultKind.CLASS, null, 100, 200,
        null, "a", 1)));
    // the fault holds it over [100, 300): the union is [100, 300), then churn alone
    assertEquals(List.of(100.0, -300.0, 400.0, -500.0, 650.0, -750.0),
        transitions(s, 1).get(0).subList(0, 6));
  }

  @Test
  void overlappingFaultsReleaseAtTheLastEnd() {
    NodeClass a = NodeClass.of("a", 2);
    Scenario s = scenario(List.of(a), List.of(
        new FaultEvent(FaultKind.CLASS, "first", 100, 300, null, "a", 1),
        new FaultEvent(FaultKind.CLASS, "second", 200, 400, null, "a", 1)));
    List<List<Double>> t = transitions(s, 2);
    assertEquals(List.of(100.0, -600.0), t.get(0));
    // both nodes offline over [100, 600): 2 x 500 s online of 1000 s
    assertEquals(1.0, new World(s).run().nodes().onlineMean(), 1e-9);
  }
}
