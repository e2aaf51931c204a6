package dev.weft.scenario.load;

import static dev.weft.scenario.load.ScenarioChecks.at;
import static dev.weft.scenario.load.ScenarioChecks.checkNonNegative;
import static dev.weft.scenario.load.ScenarioChecks.checkWeights;

import dev.weft.ai.AiModel;
import dev.weft.ai.Memory;
import dev.weft.ai.MemoryPlan;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.HardwareIds;
import dev.weft.kernels.Kernels;
import dev.weft.network.RegionTable;
import dev.weft.network.io.RegionsFile;
import dev.weft.run.Resources;
import dev.weft.run.World;
import dev.weft.scenario.AiWorkload;
import dev.weft.scenario.ArrivalProcess;
import dev.weft.scenario.FaultEvent;
import dev.weft.scenario.NetworkConfig;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Preemption;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.TrainingWorkload;
import dev.weft.scenario.Vocabulary;
import dev.weft.scenario.Workload;
import dev.weft.scenario.data.Catalog;
import dev.weft.scenario.data.TraceReader;
import dev.weft.scenario.yaml.Binder;
import dev.weft.scheduling.Schedulers;
import dev.weft.workload.ArrivalTrace;
import dev.weft.yaml.Includes;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.Overrides;
import dev.weft.yaml.Suggest;
import dev.weft.yaml.YNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * From a scenario file (plus {@code --set} overrides) to a validated {@link Scenario} and the
 * data it refers to: reads YAML with positions and applies {@code include:} and overrides
 * ({@code dev.weft.yaml}), binds to records ({@code scenario.yaml}), runs the checks that span
 * several fields ({@link ScenarioChecks}), then reads what the scenario names: request traces
 * ({@code scenario.data}), the kernel model and catalogs ({@code kernels}) and the region file
 * ({@code network.io}). The composition root of scenario input: nothing below imports it. Every
 * error is collected; {@link InputException} carries them all.
 */
public final class ScenarioLoader {

  /** Names a scenario may draw on, answered by the registries that own them. */
  public static final Function<Vocabulary, List<String>> VOCABULARY = v -> switch (v) {
    case SCHEDULER_POLICY -> Schedulers.names();
    case HARDWARE -> hardwareIds();
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

  private ScenarioLoader() {}

  /** Loads {@code file} and applies {@code overrides} ({@code PATH=VALUE}, in order). */
  public static Loaded load(Path file, List<String> overrides) throws InputException {
    YNode tree = Includes.read(file);
    List<InputError> overrideErrors = new ArrayList<>();
    tree = Overrides.apply(tree, overrides, overrideErrors);
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
      ScenarioChecks.check(s, tree, binder, errors);
      if (errors.isEmpty()) {
        readTraces(s, tree, binder, errors, traces);
      }
      if (errors.isEmpty()) {
        resources = withKernels(s, new Resources(traces), tree, binder, errors);
      }
      if (errors.isEmpty() && s.network() != null) {
        resources = withNetwork(s, resources, tree, binder, errors);
      }
      if (errors.isEmpty()) {
        CostChecks.check(s, resources, tree, errors);
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
      regions = RegionsFile.read(Path.of(cfg.regions()), Location.shown(Path.of(cfg.regions())));
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
    for (NodeClass nc : s.nodes()) {
      checkPreloaded(nc, base, at(b, nc, tree, "preloaded"), errors);
    }
    for (Workload w : s.workload()) {
      if (w.origin() != null) {
        checkWeights(w.origin(), known, "region", at(b, w, tree, "origin"), errors);
      }
      checkNonNegative(w.input(), "input size", at(b, w, tree, "input"), errors);
      checkNonNegative(w.output(), "output size", at(b, w, tree, "output"), errors);
    }
    for (FaultEvent f : s.faults()) {
      for (String region : f.regions()) {
        if (!known.contains(region)) {
          errors.add(new InputError(at(b, f, tree, "regions"), "unknown region '" + region
              + "'" + dev.weft.yaml.Suggest.didYouMean(region, known)));
        }
      }
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

  /** Preloaded models must be known and fit the class's model cache together. */
  private static void checkPreloaded(NodeClass nc, Resources r, Location where,
      List<InputError> errors) {
    double bytes = 0;
    for (String m : nc.preloaded()) {
      AiModel model = r.aiModels().get(m);
      if (model == null) {
        String shown = m.length() > 60 ? m.substring(0, 60) + "..." : m;
        errors.add(new InputError(where, "unknown model '" + shown + "' in preloaded"
            + Suggest.didYouMean(m, r.aiModels().keySet())));
        return;
      }
      bytes += model.weightBytes();
    }
    if (bytes > nc.modelCache()) {
      errors.add(new InputError(where, String.format(java.util.Locale.ROOT, "preloaded weights"
          + " need %.1f GB, the model cache of class '%s' holds %.1f GB", bytes / 1e9,
          nc.name(), nc.modelCache() / 1e9)));
    }
  }

  private static boolean needsKernels(Scenario s) {
    return s.nodes().stream().anyMatch(n -> !n.hardware().equals(HardwareIds.ABSTRACT))
        || s.workload().stream().anyMatch(w -> w instanceof AiWorkload);
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
    for (NodeClass nc : s.nodes()) {
      Hardware hw = k.hardware().get(nc.hardware());
      if (nc.serving().preemption() == Preemption.SWAP && hw != null
          && !(hw.hostLinkBandwidth() > 0)) {
        errors.add(new InputError(at(b, nc.serving(), tree, "preemption"), "preemption: swap"
            + " copies KV caches over the GPU's host link, and hardware " + hw.id() + " of"
            + " class '" + nc.name() + "' has no hostLink.bandwidthGBps in models/hardware/"
            + hw.id() + ".yaml; use recompute, or add the figure there"));
      }
    }
    for (int w = 0; w < s.workload().size(); w++) {
      if (!(s.workload().get(w) instanceof AiWorkload wl)) {
        continue;
      }
      if (World.eligibleClasses(s, r, w).isEmpty()) {
        AiModel m = k.aiModels().get(wl.model());
        StringBuilder why = new StringBuilder();
        for (NodeClass nc : s.nodes()) {
          Hardware hw = k.hardware().get(nc.hardware());
          why.append(why.length() == 0 ? "" : "; ").append(nc.name()).append(": ");
          if (hw == null || !hw.hasFigures()) {
            why.append("hardware ").append(nc.hardware()).append(" has no kernel timings");
          } else if (wl instanceof TrainingWorkload t) {
            why.append(String.format(java.util.Locale.ROOT, "%d x %s holds %.0f GB per device,"
                + " training needs %.0f GB (Adam state and activations)", nc.gpus(), hw.id(),
                hw.memoryBytes() * Memory.USABLE_FRACTION / 1e9, Memory.trainingBytesPerDevice(
                    m, nc.gpus(), t.batchSequences(), t.sequenceLength()) / 1e9));
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
      if (w.arrivals().process() == ArrivalProcess.TRACE) {
        try {
          traces.put(w.name(), TraceReader.read(w.arrivals(), at(b, w.arrivals(), tree,
              "file")));
        } catch (InputException e) {
          errors.addAll(e.errors());
        }
      }
    }
  }
}
