package dev.weft.cli;

import dev.weft.experiment.SweepRun;
import dev.weft.experiment.Sweep;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's command-line design: {@code --param} values or ranges, {@code --link} groups and
 * {@code --sample}, checked with positions {@code --param:N:1} (the N-th --param),
 * {@code --link:N:1} and {@code --sample:1:1}.
 */
final class SweepDesigns {
  private SweepDesigns() {}

  static Sweep.Design parse(List<String> params, List<String> links, String sample, long seed)
      throws InputException {
    List<InputError> errors = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>();
    List<String> rhs = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      String p = params.get(i);
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        errors.add(at("--param", i, "'" + p + "' must look like PATH=V1,V2,... or"
            + " PATH=LO..HI"));
        continue;
      }
      String path = p.substring(0, eq).strip();
      Integer first = index.putIfAbsent(path, i);
      if (first != null) {
        errors.add(at("--param", i, "'" + path + "' is swept twice (first in --param "
            + (first + 1) + "); give all its values in one --param"));
        continue;
      }
      paths.add(path);
      rhs.add(p.substring(eq + 1));
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    if (sample != null) {
      return sampled(paths, rhs, links, sample, seed);
    }
    List<Sweep.Param> grid = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      List<String> values = splitValues(rhs.get(i));
      if (values.stream().anyMatch(String::isEmpty)) {
        errors.add(at("--param", i, "'" + paths.get(i) + "': an empty value"));
      }
      grid.add(new Sweep.Param(paths.get(i), values));
    }
    List<List<Integer>> groups = new ArrayList<>();
    boolean[] linked = new boolean[paths.size()];
    for (int li = 0; li < links.size(); li++) {
      List<Integer> group = new ArrayList<>();
      for (String path : links.get(li).split(",")) {
        Integer pi = paths.indexOf(path.strip()) < 0 ? null : paths.indexOf(path.strip());
        if (pi == null) {
          errors.add(at("--link", li, "'" + path.strip() + "' is not a swept --param"));
        } else if (linked[pi]) {
          errors.add(at("--link", li, "'" + path.strip() + "' is linked twice"));
        } else {
          linked[pi] = true;
          group.add(pi);
        }
      }
      if (group.size() < 2 && errors.isEmpty()) {
        errors.add(at("--link", li, "a link names at least two swept paths"));
      }
      for (int pi : group) {
        if (grid.get(pi).values().size() != grid.get(group.get(0)).values().size()) {
          errors.add(at("--link", li, "linked paths need as many values each: "
              + grid.get(group.get(0)).path() + " has " + grid.get(group.get(0)).values()
                  .size() + ", " + grid.get(pi).path() + " " + grid.get(pi).values().size()));
          break;
        }
      }
      groups.add(group);
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    // unlinked paths are groups of one, all groups in the order of their first --param
    List<List<Integer>> ordered = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      int pi = i;
      if (!linked[i]) {
        ordered.add(List.of(i));
      } else {
        groups.stream().filter(g -> g.get(0) == pi).findFirst().ifPresent(ordered::add);
      }
    }
    Sweep.Grid g = new Sweep.Grid(grid, ordered);
    try {
      g.size();
    } catch (ArithmeticException e) {
      throw new InputException(new Location("--param", 1, 1), "the grid has more than 2^63"
          + " points");
    }
    return g;
  }

  private static Sweep.Design sampled(List<String> paths, List<String> rhs, List<String> links,
      String sample, long seed) throws InputException {
    List<InputError> errors = new ArrayList<>();
    if (!links.isEmpty()) {
      errors.add(at("--link", 0, "--link is for grids; a sample varies every path at once"));
    }
    String[] kn = sample.split(":", 2);
    int n = 0;
    if (kn.length == 2 && Sweep.Sample.KINDS.contains(kn[0].strip())) {
      try {
        n = Integer.parseInt(kn[1].strip());
      } catch (NumberFormatException e) {
        n = 0;
      }
    }
    if (n < 1 || n > 1_000_000) {
      errors.add(new InputError(new Location("--sample", 1, 1), "'" + sample + "' must look"
          + " like lhs:N or random:N with 1 <= N <= 1000000"));
    }
    List<Sweep.Range> ranges = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      String[] lohi = rhs.get(i).split("\\.\\.", 2);
      double lo = Double.NaN;
      double hi = Double.NaN;
      try {
        lo = Double.parseDouble(lohi[0].strip());
        hi = lohi.length == 2 ? Double.parseDouble(lohi[1].strip()) : Double.NaN;
      } catch (NumberFormatException e) {
        lo = Double.NaN;
      }
      if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
        errors.add(at("--param", i, "'" + paths.get(i) + "': with --sample, give a range of"
            + " plain numbers LO..HI with LO <= HI, found '" + rhs.get(i) + "'"));
      }
      ranges.add(new Sweep.Range(paths.get(i), lo, hi));
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return new Sweep.Sample(kn[0].strip(), n, ranges, seed);
  }

  /**
   * Checks every swept value, one path at a time, with the fixed overrides (as many loads as
   * values, not as points: the grid itself is never built); a range is checked at its ends.
   */
  static void validate(Path file, List<String> overrides, Sweep.Design d)
      throws InputException {
    List<String> paths = d.paths();
    for (int i = 0; i < paths.size(); i++) {
      List<String> values = d instanceof Sweep.Grid g ? g.params().get(i).values()
          : List.of(Double.toString(((Sweep.Sample) d).ranges().get(i).lo()),
              Double.toString(((Sweep.Sample) d).ranges().get(i).hi()));
      for (String v : values) {
        List<String> sets = new ArrayList<>(overrides);
        sets.add(paths.get(i) + "=" + v);
        ScenarioLoader.load(file, sets);
      }
    }
  }

  static SweepRun.Tolerance tolerance(String text) throws InputException {
    int eq = text.lastIndexOf('=');
    double h = Double.NaN;
    if (eq > 0) {
      try {
        h = Double.parseDouble(text.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        h = Double.NaN;
      }
    }
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new InputException(new Location("--tolerance", 1, 1), "'" + text + "' must look"
          + " like METRIC=HALFWIDTH with a positive half-width");
    }
    return new SweepRun.Tolerance(text.substring(0, eq).strip(), h);
  }

  /** Splits V1,V2 at top-level commas, so {a: 1, b: 2} stays one value. */
  static List<String> splitValues(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().strip());
    return out;
  }

  private static InputError at(String option, int index, String message) {
    return new InputError(new Location(option, index + 1, 1), message);
  }
}
