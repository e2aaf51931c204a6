package dev.weft.experiment;

import dev.weft.run.Resources;
import dev.weft.run.World;
import dev.weft.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A grid of runs over scenario parameters. A point is one value per swept path; each point runs
 * {@code replications} times with the seeds of {@link Replications}, so every point sees the
 * same random numbers (common random numbers) and differences between points are the
 * parameters' doing.
 */
public final class Sweep {
  private Sweep() {}

  /** One swept path and its values, as written after --param. */
  public record Param(String path, List<String> values) {}

  /** The cartesian product of the parameter values, first parameter varying slowest. */
  public static List<List<String>> points(List<Param> params) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    for (Param p : params) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : out) {
        for (String v : p.values()) {
          List<String> point = new ArrayList<>(prefix);
          point.add(v);
          next.add(point);
        }
      }
      out = next;
    }
    return out;
  }

  /** Runs one (point, replication) and flattens its summary to dotted numeric metrics. */
  public static Map<String, Double> run(Scenario s, Resources resources, int replication) {
    Scenario seeded = s.withSeed(Replications.seed(s.seed(), replication));
    return SummaryMetrics.of(new World(seeded, resources).run());
  }
}
