package dev.weft.scenario.load;

import dev.weft.economics.Behaviour;
import dev.weft.economics.EconomicsVocabulary;
import dev.weft.economics.Economy;
import dev.weft.random.RandomStreams;
import dev.weft.run.Fleet;
import dev.weft.run.Resources;
import dev.weft.scenario.AiWorkload;
import dev.weft.scenario.ArrivalProcess;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.FaultEvent;
import dev.weft.scenario.FaultKind;
import dev.weft.scenario.InferenceWorkload;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Preemption;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.ServingConfig;
import dev.weft.scenario.SyntheticWorkload;
import dev.weft.scenario.TrainingWorkload;
import dev.weft.scenario.Workload;
import dev.weft.scenario.yaml.Binder;
import dev.weft.yaml.InputError;
import dev.weft.yaml.Location;
import dev.weft.yaml.Suggest;
import dev.weft.yaml.YNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a bound scenario that span several fields or sections (arrival process against
 * its parameters, workload kind against its fields, names used twice, weights, the economics
 * genesis), each error placed at the value it is about.
 */
final class ScenarioChecks {
  private static final double MAX_SERIES_ROWS = 2_000_000;
  private static final long MAX_NODES = 10_000_000L;
  /** GPUs of one node: the largest scale-up domains (NVL576) are below this. */
  static final int MAX_GPUS = 1024;

  private ScenarioChecks() {}

  /** A map of names to weights: every name known, weights non-negative, some weight > 0. */
  static void checkWeights(Map<String, Double> weights, List<String> known,
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

  /**
   * Where {@code bound} (a record the binder made) was written: the value under {@code key}
   * when it has one, else the record's own map, else {@code fallback}.
   */
  static Location at(Binder b, Object bound, YNode fallback, String key) {
    YNode n = b.originOf(bound);
    if (n instanceof YNode.Mapping m && key != null) {
      YNode.Entry e = m.entries().get(key);
      if (e != null) {
        return e.value().where();
      }
    }
    return n != null ? n.where() : fallback.where();
  }

  /** Adds to {@code errors} every problem the binder cannot see field by field. */
  static void check(Scenario s, YNode tree, Binder b, List<InputError> errors) {
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
    if (s.outputs().stake() && s.economics() == null) {
      errors.add(new InputError(at(b, s.outputs(), tree, "stake"), "outputs.stake: there is no"
          + " stake to log without an economics section"));
    }
    if (s.nodes().isEmpty()) {
      errors.add(new InputError(at(b, s, tree, "nodes"), "the scenario needs at least one node"
          + " class"));
    } else if (s.nodes().stream().mapToLong(NodeClass::count).sum() == 0) {
      errors.add(new InputError(at(b, s, tree, "nodes"), "every node class has count 0"));
    } else if (s.nodes().stream().mapToLong(NodeClass::count).sum() > MAX_NODES) {
      // summed in 64 bits: two classes of 2^31 - 1 nodes overflow an int
      errors.add(new InputError(at(b, s, tree, "nodes"), "more than 10,000,000 nodes"));
    }
    for (NodeClass nc : s.nodes()) {
      if (nc.serving().preemption() != Preemption.SWAP
          && nc.serving().swapSpace() != ServingConfig.DEFAULT_SWAP_SPACE) {
        errors.add(new InputError(at(b, nc.serving(), tree, "swapSpace"), "swapSpace is the host"
            + " memory of preemption: swap; class '" + nc.name() + "' has preemption: "
            + nc.serving().preemption().id()));
      }
      if (nc.gpus() > MAX_GPUS) {
        errors.add(new InputError(at(b, nc, tree, "gpus"), "gpus must be at most " + MAX_GPUS
            + " (one node is one machine)"));
      }
    }
    EventRates.check(s, tree, b, errors);
    checkFaults(s, tree, b, errors);
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

  /** The faults: section against the rest of the scenario (regions: in the loader). */
  private static void checkFaults(Scenario s, YNode tree, Binder b, List<InputError> errors) {
    Set<String> classes = new HashSet<>();
    s.nodes().forEach(nc -> classes.add(nc.name()));
    for (FaultEvent f : s.faults()) {
      if (f.at() >= s.duration()) {
        errors.add(new InputError(at(b, f, tree, "at"), "the fault begins at " + f.at()
            + " s, not before the end of the run (" + s.duration() + " s)"));
      }
      if (f.nodeClass() != null && !classes.contains(f.nodeClass())) {
        errors.add(new InputError(at(b, f, tree, "nodeClass"), "unknown node class '"
            + f.nodeClass() + "'" + dev.weft.yaml.Suggest.didYouMean(f.nodeClass(), classes)
            + "; known: " + String.join(", ", classes)));
      }
      if (f.kind() == FaultKind.REGION && s.network() == null) {
        errors.add(new InputError(at(b, f, tree, "kind"), "a region fault needs a network"
            + " section (nodes have regions only there)"));
      }
      if (f.kind() == FaultKind.SLASH && s.economics() == null) {
        errors.add(new InputError(at(b, f, tree, "kind"), "a slash fault needs an economics"
            + " section (there is no stake to slash without it)"));
      }
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
    if (a.process() == ArrivalProcess.POISSON) {
      if (a.rate() == null) {
        errors.add(new InputError(at(b, a, tree, null), "poisson arrivals need 'rate'"));
      }
      if (a.interarrival() != null) {
        errors.add(new InputError(at(b, a, tree, "interarrival"),
            "poisson arrivals take 'rate', not 'interarrival' (use process: renewal)"));
      }
    } else if (a.process() == ArrivalProcess.TRACE) {
      if (a.file() == null) {
        errors.add(new InputError(at(b, a, tree, null), "trace arrivals need 'file'"));
      }
      if (a.rate() != null || a.interarrival() != null) {
        errors.add(new InputError(at(b, a, tree, a.rate() != null ? "rate" : "interarrival"),
            "trace arrivals take their times from the file, not 'rate' or 'interarrival'"));
      }
    } else if (a.process() == ArrivalProcess.RENEWAL) {
      if (a.interarrival() == null) {
        errors.add(new InputError(at(b, a, tree, null), "renewal arrivals need 'interarrival'"));
      }
      if (a.rate() != null) {
        errors.add(new InputError(at(b, a, tree, "rate"),
            "renewal arrivals take 'interarrival', not 'rate' (use process: poisson)"));
      }
    }
    if (w instanceof AiWorkload ai && ai.model() == null) {
      errors.add(new InputError(at(b, w, tree, null), w.kind().id() + " workload '" + w.name()
          + "' needs 'model' (an id from models/ai/)"));
    }
    if (w instanceof InferenceWorkload inf) {
      if (a.process() != ArrivalProcess.TRACE
          && (inf.promptTokens() == null || inf.outputTokens() == null)) {
        errors.add(new InputError(at(b, w, tree, null), "inference workload '" + w.name()
            + "' needs 'promptTokens' and 'outputTokens' (or a trace that gives them)"));
      }
      checkNonNegative(inf.promptTokens(), "promptTokens", at(b, w, tree, "promptTokens"),
          errors);
      checkNonNegative(inf.outputTokens(), "outputTokens", at(b, w, tree, "outputTokens"),
          errors);
    }
    if (w instanceof TrainingWorkload t) {
      if (t.steps() == null) {
        errors.add(new InputError(at(b, w, tree, null), "training workload '" + w.name()
            + "' needs 'steps' (optimizer steps per job)"));
      }
      if (t.nodes() > 1 && !hasNetwork) {
        errors.add(new InputError(at(b, w, tree, "nodes"), "training workload '" + w.name()
            + "' on " + t.nodes() + " nodes all-reduces its gradients over the network: add a"
            + " 'network' section"));
      }
      if (t.syncEvery() > 1 && t.nodes() == 1) {
        errors.add(new InputError(at(b, w, tree, "syncEvery"), "'syncEvery' spaces the"
            + " gradient all-reduces of a job on several nodes; workload '" + w.name()
            + "' runs on one"));
      }
      checkNonNegative(t.steps(), "steps", at(b, w, tree, "steps"), errors);
    }
    if (w instanceof SyntheticWorkload syn) {
      if (syn.service() == null) {
        errors.add(new InputError(at(b, w, tree, null), "synthetic workload '" + w.name()
            + "' needs 'service' (the service time)"));
      } else if (syn.service().lowerBound() < 0) {
        errors.add(new InputError(at(b, w, tree, "service"), "service time can be negative;"
            + " bound it (for a normal, add min: 0)"));
      }
    }
    checkNonNegative(w.arrivals().interarrival(), "interarrival time", at(b, a, tree,
        "interarrival"), errors);
  }

  static void checkNonNegative(DistSpec d, String what, Location where,
      List<InputError> errors) {
    if (d != null && d.lowerBound() < 0) {
      errors.add(new InputError(where, what + " can be negative; bound it (add min: 0)"));
    }
  }
}
