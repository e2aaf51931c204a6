package dev.weft.scenario.yaml;

import dev.weft.economics.Behaviour;
import dev.weft.economics.Economy;
import dev.weft.economics.EconomicsVocabulary;
import dev.weft.ai.AiModel;
import dev.weft.ai.Memory;
import dev.weft.ai.MemoryPlan;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.HardwareIds;
import dev.weft.kernels.Kernels;
import dev.weft.network.RegionTable;
import dev.weft.network.io.RegionsFile;
import dev.weft.scenario.NetworkConfig;
import dev.weft.run.World;
import dev.weft.random.RandomStreams;
import dev.weft.run.Fleet;
import dev.weft.run.Resources;
import dev.weft.scenario.data.Catalog;
import dev.weft.scenario.data.TraceReader;
import dev.weft.workload.ArrivalTrace;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.Vocabulary;
import dev.weft.scenario.Workload;
import dev.weft.scheduling.Schedulers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * From a scenario file (plus {@code --set} overrides) to a validated {@link Scenario}: reads
 * YAML with positions, applies {@code include:}, applies overrides, binds to records and runs the
 * checks that span several fields. Every error is collected; {@link InputException} carries them
 * all.
 */
public final class ScenarioLoader {

  /** Names a scenario may draw on, answered by the registries that own them. */
  public static final Function<Vocabulary, List<String>> VOCABULARY = v -> switch (v) {
    case SCHEDULER_POLICY -> Schedulers.names();
    case HARDWARE -> hardwareIds();
    case ARRIVAL_PROCESS -> List.of("poisson", "renewal", "trace");
    case WORKLOAD_KIND -> List.of("synthetic", "inference", "training");
    case AI_MODEL -> Catalog.ids("ai");
  };

  /** Hardware ids: {@code abstract} and the catalog's files (the contract's list without one). */
  static List<String> hardwareIds() {
    List<String> catalog = Catalog.ids("hardware");
    if (catalog.isEmpty()) {
      return HardwareIds.all();
    }
    List<String> ids = new ArrayList<>(catalog);
    if (!ids.contains(HardwareIds.ABSTRACT)) {
      ids.add(0, HardwareIds.ABSTRACT);
    }
    return ids;
  }

  /** A checked scenario and the data files it refers to, read. */
  public record Loaded(Scenario scenario, Resources resources) {}

  private static final int MAX_INCLUDE_DEPTH = 16;
  private static final double MAX_SERIES_ROWS = 2_000_000;

  private ScenarioLoader() {}

  /** Loads {@code file} and applies {@code overrides} ({@code PATH=VALUE}, in order). */
  public static Loaded load(Path file, List<String> overrides) throws InputException {
    YNode tree = readWithIncludes(file, shown(file), new LinkedHashSet<>(), 0);
    List<InputError> overrideErrors = new ArrayList<>();
    tree = applyOverrides(tree, overrides, overrideErrors);
    return bind(tree, overrideErrors);
  }

  /** Binds an already merged tree and checks it, reporting {@code earlier} errors too. */
  public static Loaded bind(YNode tree, List<InputError> earlier) throws InputException {
    Binder binder = new Binder(VOCABULARY);
    Scenario s = binder.bind(tree, Scenario.class);
    List<InputError> errors = new ArrayList<>(earlier);
    errors.addAll(binder.errors());
    Map<String, ArrivalTrace> traces = new java.util.LinkedHashMap<>();
    Resources resources = null;
    if (s != null) {
      check(s, tree, binder, errors);
      if (errors.isEmpty()) {
        readTraces(s, tree, binder, errors, traces);
      }
      if (errors.isEmpty()) {
        resources = withKernels(s, new Resources(traces), tree, binder, errors);
      }
      if (errors.isEmpty() && s.network() != null) {
        resources = withNetwork(s, resources, tree, binder, errors);
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(null); // files first by name, then line; --set sorts with the files
      throw new InputException(errors);
    }
    return new Loaded(s, resources);
  }

  /** Reads the region file and checks every region id the scenario names against it. */
  private static Resources withNetwork(Scenario s, Resources base, YNode tree, Binder b,
      List<InputError> errors) {
    NetworkConfig cfg = s.network();
    RegionTable regions;
    try {
      regions = RegionsFile.read(Path.of(cfg.regions()), shown(Path.of(cfg.regions())));
    } catch (InputException e) {
      if (!Files.exists(Path.of(cfg.regions()))) {
        errors.add(new InputError(at(b, cfg, tree, "regions"), "region file not found: "
            + cfg.regions()));
      } else {
        errors.addAll(e.errors());
      }
      return base;
    }
    List<String> known = regions.ids();
    for (NodeClass nc : s.nodes()) {
      if (nc.regions() != null) {
        checkWeights(nc.regions(), known, "region", at(b, nc, tree, "regions"), errors);
      }
    }
    for (Workload w : s.workload()) {
      if (w.origin() != null) {
        checkWeights(w.origin(), known, "region", at(b, w, tree, "origin"), errors);
      }
      checkNonNegative(w.input(), "input size", at(b, w, tree, "input"), errors);
      checkNonNegative(w.output(), "output size", at(b, w, tree, "output"), errors);
    }
    if (!errors.isEmpty()) {
      return base;
    }
    Resources r = base.withRegions(regions);
    try {
      // builds the network once, so bad backbone links and fault regions are input errors
      new World(s, r);
    } catch (IllegalArgumentException e) {
      errors.add(new InputError(at(b, cfg, tree, null), "network: " + e.getMessage()));
    }
    return r;
  }

  /** A map of names to weights: every name known, weights non-negative, some weight > 0. */
  private static void checkWeights(Map<String, Double> weights, List<String> known,
      String what, Location where, List<InputError> errors) {
    double total = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (!known.contains(e.getKey())) {
        errors.add(new InputError(where, "unknown " + what + " '" + e.getKey() + "'"
            + Suggest.didYouMean(e.getKey(), known) + "; known: " + String.join(", ", known)));
      }
      if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
        errors.add(new InputError(where, what + " weight of '" + e.getKey()
            + "' must be a non-negative number"));
      } else {
        total += e.getValue();
      }
    }
    if (!(total > 0)) {
      errors.add(new InputError(where, what + " weights must add up to more than 0"));
    }
  }

  private static boolean needsKernels(Scenario s) {
    return s.nodes().stream().anyMatch(n -> !n.hardware().equals(HardwareIds.ABSTRACT))
        || s.workload().stream().anyMatch(w -> !w.kind().equals("synthetic"));
  }

  /** Loads the catalogs and kernel model when the scenario uses real hardware or AI models. */
  private static Resources withKernels(Scenario s, Resources base, YNode tree, Binder b,
      List<InputError> errors) {
    if (!needsKernels(s)) {
      return base;
    }
    Kernels k;
    try {
      k = Kernels.load();
    } catch (InputException e) {
      errors.addAll(e.errors());
      return base;
    }
    Resources r = new Resources(base.traces(), k.hardware(), k.aiModels(), k.model());
    for (int w = 0; w < s.workload().size(); w++) {
      Workload wl = s.workload().get(w);
      if (!wl.kind().equals("synthetic") && World.eligibleClasses(s, r, w).isEmpty()) {
        AiModel m = k.aiModels().get(wl.model());
        StringBuilder why = new StringBuilder();
        for (NodeClass nc : s.nodes()) {
          Hardware hw = k.hardware().get(nc.hardware());
          why.append(why.length() == 0 ? "" : "; ").append(nc.name()).append(": ");
          if (hw == null || !hw.hasFigures()) {
            why.append("hardware ").append(nc.hardware()).append(" has no kernel timings");
          } else if (wl.kind().equals("training")) {
            why.append(String.format(java.util.Locale.ROOT, "%d x %s holds %.0f GB per device,"
                + " training needs %.0f GB (Adam state and activations)", nc.gpus(), hw.id(),
                hw.memoryBytes() * Memory.USABLE_FRACTION / 1e9, Memory.trainingBytesPerDevice(
                    m, nc.gpus(), wl.batchSequences(), wl.sequenceLength()) / 1e9));
          } else {
            MemoryPlan p = Memory.plan(m, hw, nc.gpus());
            why.append(String.format(java.util.Locale.ROOT, "%d x %s holds %.0f GB, weights"
                + " need %.0f GB", nc.gpus(), hw.id(), p.usableBytes() / 1e9,
                p.weightBytes() / 1e9));
          }
        }
        errors.add(new InputError(at(b, wl, tree, "model"), "no node class can run "
            + wl.model() + " for workload '" + wl.name() + "' (" + why + ")"));
      } else if (wl.nodes() > 1) {
        int able = 0;
        for (int c : World.eligibleClasses(s, r, w)) {
          able += s.nodes().get(c).count();
        }
        if (able < wl.nodes()) {
          errors.add(new InputError(at(b, wl, tree, "nodes"), "workload '" + wl.name()
              + "' runs on " + wl.nodes() + " nodes at once, but only " + able
              + " nodes can run " + wl.model() + ": its jobs would wait forever"));
        }
      }
    }
    return r;
  }

  private static void readTraces(Scenario s, YNode tree, Binder b, List<InputError> errors,
      Map<String, ArrivalTrace> traces) {
    for (Workload w : s.workload()) {
      if (w.arrivals().process().equals("trace")) {
        try {
          traces.put(w.name(), TraceReader.read(w.arrivals(), at(b, w.arrivals(), tree,
              "file")));
        } catch (InputException e) {
          errors.addAll(e.errors());
        }
      }
    }
  }

  static String shown(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    try {
      return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.normalize().toString();
    } catch (IllegalArgumentException e) {
      return p.toString();
    }
  }

  private static YNode readWithIncludes(Path file, String shownAs, Set<Path> chain, int depth)
      throws InputException {
    Path key = file.toAbsolutePath().normalize();
    YNode tree = YamlReader.readFile(file, shownAs);
    if (!(tree instanceof YNode.Mapping map)) {
      throw new InputException(tree.where(), "a scenario file must be a map of keys, found "
          + tree.describe());
    }
    YNode.Entry include = map.entries().get("include");
    if (include == null) {
      return tree;
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      throw new InputException(include.keyAt(), "includes nested deeper than "
          + MAX_INCLUDE_DEPTH);
    }
    chain.add(key);
    List<YNode> paths = include.value() instanceof YNode.Seq seq ? seq.items()
        : List.of(include.value());
    YNode merged = null;
    List<InputError> errors = new ArrayList<>();
    for (YNode p : paths) {
      if (!(p instanceof YNode.Scalar s) || s.isNull()) {
        errors.add(new InputError(p.where(), "'include' takes file paths"));
        continue;
      }
      Path target = (file.toAbsolutePath().getParent() == null ? Path.of(s.text())
          : file.toAbsolutePath().getParent().resolve(s.text())).normalize();
      if (chain.contains(target)) {
        errors.add(new InputError(p.where(), "include cycle: '" + s.text()
            + "' is already being read"));
        continue;
      }
      if (!Files.isRegularFile(target)) {
        errors.add(new InputError(p.where(), "included file not found: '" + s.text() + "'"));
        continue;
      }
      try {
        YNode inc = readWithIncludes(target, shown(target), chain, depth + 1);
        merged = merged == null ? inc : TreeOps.merge(merged, inc);
      } catch (InputException e) {
        errors.addAll(e.errors());
      }
    }
    chain.remove(key);
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    java.util.LinkedHashMap<String, YNode.Entry> own = new java.util.LinkedHashMap<>(
        map.entries());
    own.remove("include");
    YNode self = new YNode.Mapping(own, map.where());
    return merged == null ? self : TreeOps.merge(merged, self);
  }

  /**
   * Applies {@code PATH=VALUE} overrides; VALUE is read as YAML (so maps and lists work). Bad
   * overrides are added to {@code errors} and skipped, so the rest still gets checked.
   */
  static YNode applyOverrides(YNode tree, List<String> overrides, List<InputError> errors) {
    for (int i = 0; i < overrides.size(); i++) {
      String o = overrides.get(i);
      String file = "--set";
      int eq = o.indexOf('=');
      if (eq <= 0) {
        errors.add(new InputError(new Location(file, i + 1, 1),
            "'" + o + "' must look like PATH=VALUE (e.g. scheduler.policy=random)"));
        continue;
      }
      String path = o.substring(0, eq).strip();
      List<TreeOps.Step> steps = TreeOps.parsePath(path);
      if (steps == null) {
        errors.add(new InputError(new Location(file, i + 1, 1), "'" + path
            + "' is not a path (use keys and list indexes: nodes[1].count)"));
        continue;
      }
      Location valueAt = new Location(file, i + 1, eq + 2);
      YNode value;
      try {
        value = relocate(YamlReader.readString(o.substring(eq + 1), file), valueAt);
      } catch (InputException e) {
        for (InputError err : e.errors()) {
          errors.add(new InputError(new Location(file, i + 1, eq + 1 + err.where().column()),
              err.message()));
        }
        continue;
      }
      try {
        tree = TreeOps.set(tree, steps, 0, value, valueAt);
      } catch (InputException e) {
        errors.addAll(e.errors());
      }
    }
    return tree;
  }

  /** Gives an override's value the position of the --set argument. */
  private static YNode relocate(YNode v, Location at) {
    Location where = new Location(at.file(), at.line(), at.column() + v.where().column() - 1);
    if (v instanceof YNode.Scalar s) {
      return new YNode.Scalar(s.text(), where);
    }
    if (v instanceof YNode.Seq seq) {
      return new YNode.Seq(seq.items().stream().map(x -> relocate(x, at)).toList(), where);
    }
    YNode.Mapping m = (YNode.Mapping) v;
    java.util.LinkedHashMap<String, YNode.Entry> entries = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
      entries.put(e.getKey(), new YNode.Entry(where, relocate(e.getValue().value(), at)));
    }
    return new YNode.Mapping(entries, where);
  }

  private static Location at(Binder b, Object bound, YNode fallback, String key) {
    YNode n = b.originOf(bound);
    if (n instanceof YNode.Mapping m && key != null) {
      YNode.Entry e = m.entries().get(key);
      if (e != null) {
        return e.value().where();
      }
    }
    return n != null ? n.where() : fallback.where();
  }

  private static void check(Scenario s, YNode tree, Binder b, List<InputError> errors) {
    if (!s.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      errors.add(new InputError(at(b, s, tree, "name"), "name '" + s.name() + "' must be 1-100"
          + " letters, digits, '.', '_' or '-', starting with a letter or digit (it names the"
          + " output folder)"));
    }
    if (s.warmup() >= s.duration()) {
      errors.add(new InputError(at(b, s, tree, "warmup"), "warmup (" + s.warmup()
          + " s) must be shorter than duration (" + s.duration() + " s)"));
    }
    if (s.duration() / s.outputs().metricsInterval() > MAX_SERIES_ROWS) {
      errors.add(new InputError(at(b, s.outputs(), tree, "metricsInterval"),
          "metricsInterval is too fine for the duration: more than " + (long) MAX_SERIES_ROWS
              + " rows"));
    }
    if (s.nodes().isEmpty()) {
      errors.add(new InputError(at(b, s, tree, "nodes"), "the scenario needs at least one node"
          + " class"));
    } else if (s.nodeCount() == 0) {
      errors.add(new InputError(at(b, s, tree, "nodes"), "every node class has count 0"));
    } else if ((long) s.nodeCount() > 10_000_000L) {
      errors.add(new InputError(at(b, s, tree, "nodes"), "more than 10,000,000 nodes"));
    }
    if (s.workload().isEmpty()) {
      errors.add(new InputError(at(b, s, tree, "workload"), "the scenario needs at least one"
          + " workload"));
    }
    Set<String> names = new HashSet<>();
    for (NodeClass nc : s.nodes()) {
      if (!names.add(nc.name())) {
        errors.add(new InputError(at(b, nc, tree, "name"), "node class name '" + nc.name()
            + "' is used twice"));
      }
    }
    for (NodeClass nc : s.nodes()) {
      if (nc.availability() != null) {
        checkNonNegative(nc.availability().uptime(), "uptime", at(b, nc.availability(), tree,
            "uptime"), errors);
        checkNonNegative(nc.availability().downtime(), "downtime", at(b, nc.availability(), tree,
            "downtime"), errors);
      }
    }
    for (NodeClass nc : s.nodes()) {
      checkWeights(nc.behaviour(), Behaviour.names(), "behaviour",
          at(b, nc, tree, "behaviour"), errors);
    }
    if (s.economics() != null) {
      checkEconomics(s, tree, b, errors);
    }
    names.clear();
    for (Workload w : s.workload()) {
      if (!names.add(w.name())) {
        errors.add(new InputError(at(b, w, tree, "name"), "workload name '" + w.name()
            + "' is used twice"));
      }
      checkWorkload(w, s.network() != null, tree, b, errors);
    }
  }

  /** Policy names of the economics section, each at its own line, then the genesis. */
  private static void checkEconomics(Scenario s, YNode tree, Binder b, List<InputError> errors) {
    int before = errors.size();
    for (Map.Entry<String, List<String>> e : EconomicsVocabulary.byPath().entrySet()) {
      if (!e.getKey().startsWith("economics.")) {
        continue;
      }
      YNode n = nodeAt(tree, e.getKey());
      if (n instanceof YNode.Scalar sc && !sc.isNull() && !e.getValue().contains(sc.text())) {
        String what = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
        errors.add(new InputError(sc.where(), "unknown " + what + " '" + sc.text() + "'"
            + Suggest.didYouMean(sc.text(), e.getValue()) + "; known: "
            + String.join(", ", e.getValue())));
      }
    }
    if (errors.size() > before) {
      return;
    }
    YNode econ = nodeAt(tree, "economics");
    Location where = econ != null ? econ.where() : tree.where();
    for (String problem : EconomicsVocabulary.problems(s.economics())) {
      errors.add(new InputError(where, problem));
    }
    if (errors.size() > before) {
      return;
    }
    try {
      // the genesis must fit: stakes within the supply, and so on
      Economy.create(s.economics(), Fleet.operators(s, new RandomStreams(s.seed()),
          Resources.NONE),
          new RandomStreams(s.seed()));
    } catch (IllegalArgumentException e) {
      errors.add(new InputError(where, "economics: " + e.getMessage()));
    }
  }

  /** The node at a dotted path of map keys, or null. */
  static YNode nodeAt(YNode tree, String path) {
    YNode n = tree;
    for (String key : path.split("\\.")) {
      if (!(n instanceof YNode.Mapping m)) {
        return null;
      }
      n = m.get(key);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  private static void checkWorkload(Workload w, boolean hasNetwork, YNode tree, Binder b,
      List<InputError> errors) {
    var a = w.arrivals();
    if (a.process().equals("poisson")) {
      if (a.rate() == null) {
        errors.add(new InputError(at(b, a, tree, null), "poisson arrivals need 'rate'"));
      }
      if (a.interarrival() != null) {
        errors.add(new InputError(at(b, a, tree, "interarrival"),
            "poisson arrivals take 'rate', not 'interarrival' (use process: renewal)"));
      }
    } else if (a.process().equals("trace")) {
      if (a.file() == null) {
        errors.add(new InputError(at(b, a, tree, null), "trace arrivals need 'file'"));
      }
      if (a.rate() != null || a.interarrival() != null) {
        errors.add(new InputError(at(b, a, tree, a.rate() != null ? "rate" : "interarrival"),
            "trace arrivals take their times from the file, not 'rate' or 'interarrival'"));
      }
    } else if (a.process().equals("renewal")) {
      if (a.interarrival() == null) {
        errors.add(new InputError(at(b, a, tree, null), "renewal arrivals need 'interarrival'"));
      }
      if (a.rate() != null) {
        errors.add(new InputError(at(b, a, tree, "rate"),
            "renewal arrivals take 'interarrival', not 'rate' (use process: poisson)"));
      }
    }
    if (!w.kind().equals("synthetic") && w.model() == null) {
      errors.add(new InputError(at(b, w, tree, null), w.kind() + " workload '" + w.name()
          + "' needs 'model' (an id from models/ai/)"));
    }
    if (w.kind().equals("inference") && !a.process().equals("trace")
        && (w.promptTokens() == null || w.outputTokens() == null)) {
      errors.add(new InputError(at(b, w, tree, null), "inference workload '" + w.name()
          + "' needs 'promptTokens' and 'outputTokens' (or a trace that gives them)"));
    }
    if (w.kind().equals("training") && w.steps() == null) {
      errors.add(new InputError(at(b, w, tree, null), "training workload '" + w.name()
          + "' needs 'steps' (optimizer steps per job)"));
    }
    if (w.nodes() > 1 && !w.kind().equals("training")) {
      errors.add(new InputError(at(b, w, tree, "nodes"), w.kind() + " workload '" + w.name()
          + "' runs on one node; only training spreads over several ('nodes')"));
    } else if (w.nodes() > 1 && !hasNetwork) {
      errors.add(new InputError(at(b, w, tree, "nodes"), "training workload '" + w.name()
          + "' on " + w.nodes() + " nodes all-reduces its gradients over the network: add a"
          + " 'network' section"));
    }
    if (w.syncEvery() > 1 && w.nodes() == 1) {
      errors.add(new InputError(at(b, w, tree, "syncEvery"), "'syncEvery' spaces the gradient"
          + " all-reduces of a job on several nodes; workload '" + w.name() + "' runs on one"));
    }
    checkNonNegative(w.promptTokens(), "promptTokens", at(b, w, tree, "promptTokens"), errors);
    checkNonNegative(w.outputTokens(), "outputTokens", at(b, w, tree, "outputTokens"), errors);
    checkNonNegative(w.steps(), "steps", at(b, w, tree, "steps"), errors);
    if (w.kind().equals("synthetic")) {
      if (w.service() == null) {
        errors.add(new InputError(at(b, w, tree, null), "synthetic workload '" + w.name()
            + "' needs 'service' (the service time)"));
      } else if (w.service().lowerBound() < 0) {
        errors.add(new InputError(at(b, w, tree, "service"), "service time can be negative;"
            + " bound it (for a normal, add min: 0)"));
      }
    }
    checkNonNegative(w.arrivals().interarrival(), "interarrival time", at(b, a, tree,
        "interarrival"), errors);
  }

  private static void checkNonNegative(DistSpec d, String what, Location where,
      List<InputError> errors) {
    if (d != null && d.lowerBound() < 0) {
      errors.add(new InputError(where, what + " can be negative; bound it (add min: 0)"));
    }
  }
}
