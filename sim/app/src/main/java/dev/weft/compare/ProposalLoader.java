package dev.weft.compare;

import dev.weft.scenario.Quantity;
import dev.weft.run.World;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.scenario.yaml.RecordWriter;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.Overrides;
import dev.weft.yaml.Suggest;
import dev.weft.yaml.YNode;
import dev.weft.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a proposal file (CONTRACT section 3) against its baseline: the overlay's keys, its
 * {@code changes} applied to the baseline's tree (each value keeps its position in the
 * proposal, so a bad value is reported there), the optional {@code activation} and the
 * {@code objectives}. Every error is collected and reported as FILE:LINE:COLUMN.
 *
 * <p>A change with an {@code activation} is applied mid-run, as an upgrade of a live network
 * would be; only the protocol parameters a governance vote changes can switch then ({@link
 * #MID_RUN}, each with the switch rule {@link World#upgrade} states); the rest holds state a
 * running network cannot swap (nodes, workload, network, supply, stakes, the clock). A ramp
 * moves numeric values linearly in {@link #RAMP_STEPS} equal steps (a whole-number setting
 * to the nearest whole number).
 */
public final class ProposalLoader {
  /** Paths (and everything under them) a change may touch when it activates mid-run. */
  public static final List<String> MID_RUN = World.UPGRADABLE;
  /** Steps of a ramp: the value moves 1/RAMP_STEPS of the way at each. */
  public static final int RAMP_STEPS = 10;

  static final List<String> KEYS = List.of("proposal", "base", "rationale", "changes",
      "activation", "objectives");

  private final Path baselineFile;
  private final YNode baselineTree;
  private final ScenarioLoader.Loaded baseline;
  private final YNode resolvedBaseline;
  private final Collection<String> metrics;

  /**
   * A loader for proposals on {@code baselineFile} (already read as {@code baselineTree} and
   * bound as {@code baseline}); {@code metrics} are the summary paths objectives may name.
   */
  public ProposalLoader(Path baselineFile, YNode baselineTree, ScenarioLoader.Loaded baseline,
      Collection<String> metrics) throws InputException {
    this.baselineFile = baselineFile;
    this.baselineTree = baselineTree;
    this.baseline = baseline;
    this.metrics = metrics;
    this.resolvedBaseline = YamlReader.readString(RecordWriter.toYaml(baseline.scenario(), ""),
        "(resolved baseline)");
  }

  /** Reads and checks {@code file}; throws with every problem found. */
  public Proposal load(Path file) throws InputException {
    List<InputError> errors = new ArrayList<>();
    YNode root = YamlReader.readFile(file, Location.shown(file));
    if (!(root instanceof YNode.Mapping m)) {
      throw new InputException(root.where(), "a proposal is a map with the keys "
          + String.join(", ", KEYS));
    }
    for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        errors.add(new InputError(e.getValue().keyAt(), "unknown key '" + e.getKey() + "'"
            + Suggest.didYouMean(e.getKey(), KEYS) + "; a proposal has " + String.join(", ",
                KEYS)));
      }
    }
    String title = text(m, "proposal", true, errors);
    String rationale = text(m, "rationale", false, errors);
    checkBase(file, m, errors);
    YNode changes = m.get("changes");
    YNode tree = baselineTree;
    List<Proposal.Change> changed = new ArrayList<>();
    Map<String, Location> changeAt = new LinkedHashMap<>();
    if (!(changes instanceof YNode.Mapping cm) || cm.view().isEmpty()) {
      errors.add(new InputError(changes == null ? m.where() : changes.where(),
          "changes: a map of dotted paths to new values is required"));
    } else {
      for (Map.Entry<String, YNode.Entry> e : cm.view().entrySet()) {
        String path = e.getKey();
        Location at = e.getValue().keyAt();
        if (path.equals("seed") || path.equals("name")) {
          errors.add(new InputError(at, "changes: '" + path + "' cannot change: both sides run"
              + " with the baseline's " + path + (path.equals("seed")
                  ? " (common random numbers)" : "")));
          continue;
        }
        tree = Overrides.set(tree, path, e.getValue().value(), at, errors);
        changeAt.put(path, at);
      }
    }
    Proposal.Activation activation = activation(m.get("activation"), errors);
    List<Objective> objectives = Objectives.read(m.get("objectives"), m.where(), metrics,
        errors);
    if (!errors.isEmpty()) {
      throw new InputException(sorted(errors));
    }
    ScenarioLoader.Loaded after = ScenarioLoader.bind(tree, List.of());
    // both sides as resolved (defaults filled, base units), so the table compares like with like
    YNode resolvedAfter = YamlReader.readString(RecordWriter.toYaml(after.scenario(), ""),
        "(resolved proposal)");
    for (String path : changeAt.keySet()) {
      YNode before = Overrides.find(resolvedBaseline, path);
      YNode now = Overrides.find(resolvedAfter, path);
      changed.add(new Proposal.Change(path, before == null ? "(not set)" : render(before),
          now == null ? "(not set)" : render(now)));
    }
    double duration = baseline.scenario().duration();
    List<Proposal.Upgrade> upgrades = List.of();
    if (activation != null) {
      if (activation.at() + activation.ramp() >= duration) {
        errors.add(new InputError(m.get("activation").where(), "activation: the change must be"
            + " complete before the run ends (" + Objective.trim(duration) + " s)"));
      }
      for (Map.Entry<String, Location> c : changeAt.entrySet()) {
        // a map written at a parent path (economics.staking: {minimum: 500}) is judged by its
        // leaves, so it may switch when every one of them may
        Map<String, YNode> leaves = new LinkedHashMap<>();
        leaves(c.getKey(), cm(m).get(c.getKey()), leaves);
        String fixed = leaves.keySet().stream().filter(l -> !midRun(l)).findFirst()
            .orElse(null);
        if (fixed != null) {
          String shown = fixed.equals(c.getKey()) ? "" : " (its '" + fixed + "')";
          errors.add(new InputError(c.getValue(), "'" + c.getKey() + "'" + shown
              + " cannot change mid-run:"
              + " it is not a protocol parameter a vote switches on a live network, or it holds"
              + " state that cannot switch; with an activation, changes are limited to "
              + String.join(", ", MID_RUN) + " (and paths under them); drop activation to"
              + " apply it from the start"));
        } else if (c.getKey().startsWith("economics.")
            && baseline.scenario().economics() == null) {
          errors.add(new InputError(c.getValue(), "'" + c.getKey() + "' cannot change mid-run:"
              + " the baseline has no economics section to upgrade; drop activation to run"
              + " the proposal with economics from the start"));
        }
      }
      if (errors.isEmpty()) {
        upgrades = upgrades(cm(m), resolvedAfter, after.scenario(), activation, errors);
      }
      if (!errors.isEmpty()) {
        throw new InputException(sorted(errors));
      }
    }
    return new Proposal(title, file, rationale == null ? "" : rationale, changed, activation,
        objectives, activation == null ? after.scenario() : baseline.scenario(),
        activation == null ? after.resources() : baseline.resources(), after.scenario(),
        upgrades);
  }

  /** Whether {@code path} is one of {@link #MID_RUN} or under one. */
  private static boolean midRun(String path) {
    return MID_RUN.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "."));
  }

  private static YNode.Mapping cm(YNode.Mapping m) {
    return (YNode.Mapping) m.get("changes");
  }

  /** The steps of a mid-run change: one at the activation, or a linear ramp of numbers. */
  private List<Proposal.Upgrade> upgrades(YNode.Mapping changes, YNode resolvedAfter,
      Scenario after, Proposal.Activation a, List<InputError> errors) throws InputException {
    if (a.ramp() == 0) {
      return List.of(new Proposal.Upgrade(a.at(), after));
    }
    List<Proposal.Upgrade> out = new ArrayList<>();
    for (int i = 1; i <= RAMP_STEPS; i++) {
      double f = i / (double) RAMP_STEPS;
      YNode step = baselineTree;
      for (Map.Entry<String, YNode.Entry> e : changes.view().entrySet()) {
        Map<String, YNode> leaves = new LinkedHashMap<>();
        leaves(e.getKey(), e.getValue().value(), leaves);
        for (Map.Entry<String, YNode> leaf : leaves.entrySet()) {
          YNode to = leaf.getValue();
          YNode from = Overrides.find(resolvedBaseline, leaf.getKey());
          Double x0 = from == null ? null : number(from);
          // a quantity written with its unit (30m, 4GiB) is a number once resolved
          YNode toResolved = Overrides.find(resolvedAfter, leaf.getKey());
          Double x1 = number(to) != null || toResolved == null ? number(to)
              : number(toResolved);
          YNode value = to;
          if (x0 != null && x1 != null) {
            double x = x0 + (x1 - x0) * f;
            // a whole-number setting (replicas, a denominator; the resolved baseline writes
            // it without a point) steps to the nearest whole number
            boolean whole = render(from).matches("-?\\d+");
            value = new YNode.Scalar(whole ? Long.toString(Math.round(x)) : Double.toString(x),
                to.where());
          } else if (from == null || !render(from).equals(render(to))) {
            errors.add(new InputError(e.getValue().keyAt(), "activation.ramp: '"
                + leaf.getKey() + "' is not a number on both sides, so it cannot ramp; drop"
                + " the ramp"));
            return List.of();
          }
          step = Overrides.set(step, leaf.getKey(), value, e.getValue().keyAt(), errors);
        }
      }
      Scenario s = i == RAMP_STEPS ? after : ScenarioLoader.bind(step, List.of()).scenario();
      out.add(new Proposal.Upgrade(a.at() + a.ramp() * f, s));
    }
    return out;
  }

  /** The scalar leaves of a change, by full path: a map's entries ramp one by one. */
  private static void leaves(String path, YNode v, Map<String, YNode> out) {
    if (v instanceof YNode.Mapping m) {
      for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
        leaves(path + "." + e.getKey(), e.getValue().value(), out);
      }
    } else {
      out.put(path, v);
    }
  }

  private static Double number(YNode n) {
    if (!(n instanceof YNode.Scalar s) || s.isNull()) {
      return null;
    }
    try {
      return Quantity.NUMBER.parse(s.text());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void checkBase(Path file, YNode.Mapping m, List<InputError> errors) {
    YNode base = m.get("base");
    if (base == null) {
      return; // the baseline is named on the command line
    }
    if (!(base instanceof YNode.Scalar s) || s.isNull()) {
      errors.add(new InputError(base.where(), "base: a path to the baseline scenario"));
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    Path named = dir.resolve(s.text()).normalize();
    try {
      if (!Files.exists(named) || !Files.isSameFile(named, baselineFile)) {
        errors.add(new InputError(base.where(), "base: this proposal is written against "
            + s.text() + ", but the baseline compared is " + baselineFile.getFileName()
            + "; compare it against its base"));
      }
    } catch (IOException e) {
      errors.add(new InputError(base.where(), "base: cannot read " + s.text()));
    }
  }

  private static Proposal.Activation activation(YNode n, List<InputError> errors) {
    if (n == null) {
      return null;
    }
    if (n instanceof YNode.Scalar s) {
      Double at = duration(s, "activation", errors);
      return at == null ? null : new Proposal.Activation(at, 0);
    }
    if (!(n instanceof YNode.Mapping m)) {
      errors.add(new InputError(n.where(), "activation: a time (1h) or {at: 1h, ramp: 30m}"));
      return null;
    }
    for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
      if (!List.of("at", "ramp").contains(e.getKey())) {
        errors.add(new InputError(e.getValue().keyAt(), "activation: unknown key '"
            + e.getKey() + "'" + Suggest.didYouMean(e.getKey(), List.of("at", "ramp"))
            + "; known: at, ramp"));
      }
    }
    if (!(m.get("at") instanceof YNode.Scalar at)) {
      errors.add(new InputError(m.where(), "activation: 'at' (a time) is required"));
      return null;
    }
    Double t = duration(at, "activation.at", errors);
    Double ramp = m.get("ramp") instanceof YNode.Scalar r ? duration(r, "activation.ramp",
        errors) : Double.valueOf(0);
    return t == null || ramp == null ? null : new Proposal.Activation(t, ramp);
  }

  private static Double duration(YNode.Scalar s, String what, List<InputError> errors) {
    try {
      double v = Quantity.DURATION.parse(s.text() == null ? "" : s.text());
      if (!(v >= 0) || Double.isInfinite(v)) {
        errors.add(new InputError(s.where(), what + " must be a time of at least 0"));
        return null;
      }
      return v;
    } catch (IllegalArgumentException e) {
      errors.add(new InputError(s.where(), what + ": " + e.getMessage()));
      return null;
    }
  }

  static String text(YNode.Mapping m, String key, boolean required, List<InputError> errors) {
    YNode n = m.get(key);
    if (n == null) {
      if (required) {
        errors.add(new InputError(m.where(), "'" + key + "' is required"));
      }
      return null;
    }
    if (!(n instanceof YNode.Scalar s) || s.isNull() || s.text().isBlank()) {
      errors.add(new InputError(n.where(), key + ": a line of text is required"));
      return null;
    }
    return s.text().strip();
  }

  /** A value as short flow-style YAML, for the report's table of changes. */
  static String render(YNode n) {
    if (n instanceof YNode.Scalar s) {
      return s.isNull() ? "null" : s.text();
    }
    if (n instanceof YNode.Seq seq) {
      return "[" + String.join(", ", seq.items().stream().map(ProposalLoader::render).toList())
          + "]";
    }
    YNode.Mapping m = (YNode.Mapping) n;
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
      parts.add(e.getKey() + ": " + render(e.getValue().value()));
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static List<InputError> sorted(List<InputError> errors) {
    List<InputError> out = new ArrayList<>(errors);
    out.sort(null);
    return out;
  }
}
