package dev.weft.experiment;

import dev.weft.random.RandomStreams;
import dev.weft.run.Resources;
import dev.weft.run.RunResult;
import dev.weft.run.World;
import dev.weft.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The points of a sweep over scenario parameters and the run of one (point, replication).
 * Each point runs {@code replications} times with the seeds of {@link Replications}, so every
 * point sees the same random numbers (common random numbers) and differences between points
 * are the parameters' doing. Points are computed from their index on demand, so a sweep of
 * millions of points holds none of them in memory.
 */
public final class Sweep {
  private Sweep() {}

  /** One swept path and its values, as written after --param (PATH=V1,V2,...). */
  public record Param(String path, List<String> values) {}

  /** One sampled path and its range, as written after --param (PATH=LO..HI). */
  public record Range(String path, double lo, double hi) {}

  /** The points of a sweep, by index; every point has one value per parameter, in order. */
  public sealed interface Design permits Grid, Sample {
    /** Parameter paths, in the order of a point's values. */
    List<String> paths();

    long size();

    List<String> point(long index);
  }

  /**
   * The cartesian product of groups of parameters, first group varying slowest; parameters
   * of one group ({@code --link}) change together, value i of each with value i of the others,
   * so a baseline and a proposal that differ in several settings are two points, not a grid.
   */
  public record Grid(List<Param> params, List<List<Integer>> groups) implements Design {
    public Grid {
      params = List.copyOf(params);
      groups = List.copyOf(groups);
    }

    /** Every parameter its own group: the plain product. */
    public static Grid of(List<Param> params) {
      List<List<Integer>> g = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        g.add(List.of(i));
      }
      return new Grid(params, g);
    }

    @Override
    public List<String> paths() {
      return params.stream().map(Param::path).toList();
    }

    @Override
    public long size() {
      long n = 1;
      for (List<Integer> g : groups) {
        n = Math.multiplyExact(n, params.get(g.get(0)).values().size());
      }
      return n;
    }

    @Override
    public List<String> point(long index) {
      String[] out = new String[params.size()];
      long rest = index;
      for (int gi = groups.size() - 1; gi >= 0; gi--) {
        List<Integer> g = groups.get(gi);
        int n = params.get(g.get(0)).values().size();
        int v = (int) (rest % n);
        rest /= n;
        for (int p : g) {
          out[p] = params.get(p).values().get(v);
        }
      }
      return List.of(out);
    }
  }

  /**
   * {@code n} points drawn in the box of {@code ranges}: uniformly at random, or by Latin
   * hypercube (each range cut into n equal strata, each stratum used by exactly one point,
   * strata paired across parameters by independent random permutations, McKay et al. 1979).
   * Draws come from the stream {@code sweep/<kind>} of the scenario's seed, so the points are
   * the same on every resumption.
   */
  public static final class Sample implements Design {
    /** The sampling methods. */
    public static final List<String> KINDS = List.of("random", "lhs");
    private final String kind;
    private final List<Range> ranges;
    private final double[][] unit; // [dimension][point] in the unit cube: numbers, not runs

    public Sample(String kind, int n, List<Range> ranges, long seed) {
      if (!KINDS.contains(kind) || n < 1) {
        throw new IllegalArgumentException("sampling: random or lhs, n >= 1");
      }
      this.kind = kind;
      this.ranges = List.copyOf(ranges);
      this.unit = unit(kind, n, ranges.size(), seed);
    }

    public String kind() {
      return kind;
    }

    public List<Range> ranges() {
      return ranges;
    }

    @Override
    public List<String> paths() {
      return ranges.stream().map(Range::path).toList();
    }

    @Override
    public long size() {
      return unit.length == 0 ? 0 : unit[0].length;
    }

    @Override
    public List<String> point(long index) {
      List<String> out = new ArrayList<>();
      for (int d = 0; d < ranges.size(); d++) {
        Range r = ranges.get(d);
        out.add(Double.toString(r.lo() + (r.hi() - r.lo()) * unit[d][(int) index]));
      }
      return out;
    }

    /** Unit-cube coordinates, [dimension][point]. */
    static double[][] unit(String kind, int n, int dims, long seed) {
      UniformRandomProvider rng = new RandomStreams(seed).stream("sweep/" + kind);
      double[][] u = new double[dims][n];
      for (int d = 0; d < dims; d++) {
        if (kind.equals("random")) {
          for (int i = 0; i < n; i++) {
            u[d][i] = rng.nextDouble();
          }
          continue;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
          perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
          int j = rng.nextInt(i + 1);
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
        for (int i = 0; i < n; i++) {
          u[d][i] = (perm[i] + rng.nextDouble()) / n;
        }
      }
      return u;
    }
  }

  /** Runs one (point, replication) and flattens its summary to dotted numeric metrics. */
  public static Map<String, Double> run(Scenario s, Resources resources, int replication) {
    return SummaryMetrics.of(runResult(s, resources, replication));
  }

  /** Runs one (point, replication) and returns everything it measured. */
  public static RunResult runResult(Scenario s, Resources resources, int replication) {
    Scenario seeded = s.withSeed(Replications.seed(s.seed(), replication));
    return new World(seeded, resources).run();
  }
}
