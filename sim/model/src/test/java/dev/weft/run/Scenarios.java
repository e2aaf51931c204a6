package dev.weft.run;

import dev.weft.scenario.Arrivals;
import dev.weft.scenario.Availability;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.SyntheticWorkload;
import dev.weft.scenario.Workload;
import java.util.List;

/** Small builders for test scenarios. */
final class Scenarios {
  private Scenarios() {}

  static Scenario queue(String policy, int servers, double rate, DistSpec service,
      double duration, double warmup, long seed) {
    return new Scenario("test", "", seed, duration, warmup,
        List.of(NodeClass.of("server", servers)),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(rate), service,
            null)),
        new SchedulerConfig(policy, 2), new Outputs(duration / 50, false), null);
  }

  static Scenario withDeadline(Scenario s, double deadline) {
    SyntheticWorkload w = (SyntheticWorkload) s.workload().get(0);
    return new Scenario(s.name(), "", s.seed(), s.duration(), s.warmup(), s.nodes(),
        List.of(w.withDeadline(deadline)),
        s.scheduler(), s.outputs(), s.economics());
  }

  static Scenario withChurn(Scenario s, DistSpec up, DistSpec down) {
    NodeClass c = s.nodes().get(0);
    return new Scenario(s.name(), "", s.seed(), s.duration(), s.warmup(),
        List.of(c.withAvailability(new Availability(up, down))),
        s.workload(), s.scheduler(), s.outputs(), s.economics());
  }
}
