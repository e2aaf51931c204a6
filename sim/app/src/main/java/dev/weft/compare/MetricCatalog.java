package dev.weft.compare;

import dev.weft.experiment.SummaryMetrics;
import dev.weft.run.World;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Overrides;
import dev.weft.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The metric names a scenario's summary has, so objectives can be checked (with did-you-mean)
 * before anything long runs. The names depend on the scenario's structure (node classes,
 * workloads, behaviours, economics), not on how long it runs, so they are read from the
 * summary of a one-second run of it.
 */
public final class MetricCatalog {
  private MetricCatalog() {}

  /** The dotted summary paths of {@code tree}'s scenario, in summary.json's order. */
  public static Set<String> of(YNode tree) throws InputException {
    List<InputError> errors = new ArrayList<>();
    YNode shortRun = Overrides.apply(tree, List.of("duration=1s", "warmup=0s"), errors);
    ScenarioLoader.Loaded l = ScenarioLoader.bind(shortRun, errors);
    return SummaryMetrics.of(new World(l.scenario(), l.resources()).run()).keySet();
  }
}
