package dev.weft.compare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.Includes;
import dev.weft.yaml.YNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every proposal shipped in scenarios/proposals/ loads against the quickstart, its base. */
class ShippedProposalsTest {
  @Test
  void everyShippedProposalLoads() throws Exception {
    Path base = Path.of("../../scenarios/quickstart.yaml");
    YNode tree = Includes.read(base);
    ScenarioLoader.Loaded loaded = ScenarioLoader.bind(tree, List.of());
    ProposalLoader loader = new ProposalLoader(base, tree, loaded, MetricCatalog.of(tree));
    List<Path> files;
    try (var list = Files.list(Path.of("../../scenarios/proposals"))) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 4, "at least four proposals: " + files);
    for (Path f : files) {
      Proposal p = loader.load(f); // throws with FILE:LINE:COLUMN on any problem
      assertFalse(p.rationale().isBlank(), f + " says why");
      assertFalse(p.objectives().isEmpty(), f + " says what it promises");
    }
  }
}
