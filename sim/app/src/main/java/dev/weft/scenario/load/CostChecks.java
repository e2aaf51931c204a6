package dev.weft.scenario.load;

import dev.weft.hardware.Hardware;
import dev.weft.run.Resources;
import dev.weft.scenario.CostsConfig;
import dev.weft.scenario.RecordDefaults;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.yaml.InputError;
import dev.weft.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Settings of {@code economics.costs} that would be read by nothing: an energy price for a
 * region where no node runs, or a GPU figure set away from its default while every node
 * class's hardware has its own in the catalog (the catalog wins, so the setting would be
 * silently ignored). A figure written at its default changes nothing either way, and a
 * resolved scenario writes every setting, so it passes. Runs once the catalogs and the region
 * file are loaded.
 */
final class CostChecks {
  private CostChecks() {}

  static void check(Scenario s, Resources r, YNode tree, List<InputError> errors) {
    if (s.economics() == null) {
      return;
    }
    YNode byRegion = ScenarioChecks.nodeAt(tree, "economics.costs.energyPriceByRegion");
    if (byRegion instanceof YNode.Mapping m) {
      Set<String> used = regionsInUse(s, r);
      for (String region : s.economics().costs().energyPriceByRegion().keySet()) {
        if (!used.contains(region)) {
          YNode.Entry e = m.entries().get(region);
          errors.add(new InputError((e != null ? e.value() : m).where(),
              "economics.costs.energyPriceByRegion: no node runs in region '" + region
                  + "' (nodes run in: " + String.join(", ", used) + "), so this price is"
                  + " unused"));
        }
      }
    }
    CostsConfig c = s.economics().costs();
    CostsConfig d = RecordDefaults.of(CostsConfig.class);
    unusedFallback(s, r, tree, "gpuPrice", c.gpuPrice() != d.gpuPrice(),
        "a purchase price (purchaseUsd)", Hardware::purchaseUsd, errors);
    unusedFallback(s, r, tree, "gpuWatts", c.gpuWatts() != d.gpuWatts(), "a power (tdpWatts)",
        Hardware::tdpWatts, errors);
    unusedFallback(s, r, tree, "idleFraction", c.idleFraction() != d.idleFraction(),
        "an idle power (idleWatts)", Hardware::idleWatts, errors);
  }

  /** Regions where the scenario places nodes: the classes' weights, else the first region. */
  static Set<String> regionsInUse(Scenario s, Resources r) {
    Set<String> used = new TreeSet<>();
    for (NodeClass nc : s.nodes()) {
      if (nc.regions() != null) {
        nc.regions().forEach((k, v) -> {
          if (v > 0 && nc.count() > 0) {
            used.add(k);
          }
        });
      } else if (s.network() != null && r != null && r.regions() != null
          && r.regions().size() > 0) {
        used.add(r.regions().id(0));
      }
    }
    return used;
  }

  /** A fallback set although every class's catalog entry has the figure that wins over it. */
  private static void unusedFallback(Scenario s, Resources r, YNode tree, String key,
      boolean changed, String what, ToDoubleFunction<Hardware> figure,
      List<InputError> errors) {
    YNode written = ScenarioChecks.nodeAt(tree, "economics.costs." + key);
    if (written == null || !changed || r == null || r.hardware() == null) {
      return;
    }
    List<String> from = new ArrayList<>();
    for (NodeClass nc : s.nodes()) {
      Hardware hw = r.hardware().get(nc.hardware());
      if (hw == null || !(figure.applyAsDouble(hw) > 0)) {
        return; // this class falls back on the setting: it is used
      }
      from.add(nc.hardware());
    }
    errors.add(new InputError(written.where(), "economics.costs." + key + " is unused: the"
        + " catalog gives " + what + " for every node class's hardware ("
        + String.join(", ", new TreeSet<>(from)) + "), and catalog figures win; remove it"));
  }
}
