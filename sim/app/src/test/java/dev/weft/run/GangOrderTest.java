package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel gangs do not depend on the listing order of the node classes: two classes
 * that differ only in name (same GPU, region and links) offer gangs with equal estimated
 * steps, so each must win about half of them whichever is listed first. Before, the first
 * listed class won every tie and the second ran a gang only when the first had too few free
 * nodes.
 */
class GangOrderTest {
  @TempDir
  Path dir;

  static final String BASE = """
      name: gang-order
      seed: SEED
      duration: 4d
      warmup: 2h
      network: {regions: REGIONS}
      nodes:
        FIRST
        SECOND
      workload:
        - name: gang
          kind: training
          model: phi-2
          arrivals: {process: poisson, rate: 2/h}
          steps: 20
          batchSequences: 2
          sequenceLength: 2048
          nodes: 2
          input: 100MB
          origin: us-east
      scheduler: {policy: least-loaded}
      """;

  static final String A = "- {name: a, count: 4, hardware: h100-sxm, regions: us-east,"
      + " link: {up: 10Gbps, down: 10Gbps}}";
  static final String B = A.replace("name: a", "name: b");

  double shareOfA(String first, String second, int seed) throws Exception {
    Path f = dir.resolve("s" + seed + ".yaml");
    Files.writeString(f, BASE.replace("REGIONS", NetworkRunTest.REGIONS)
        .replace("SEED", Integer.toString(seed)).replace("FIRST", first)
        .replace("SECOND", second));
    var l = ScenarioLoader.load(f, List.of());
    RunResult r = new World(l.scenario(), l.resources()).run();
    long a = 0;
    long all = 0;
    for (ClassStats c : r.nodeClasses()) {
      all += c.completed();
      a += c.name().equals("a") ? c.completed() : 0;
    }
    assertTrue(all > 100, "too few gangs to judge: " + all);
    return a / (double) all;
  }

  /**
   * About 180 gangs a run, all at low load (each class can always offer one): a fair draw
   * gives class a a binomial share with standard deviation near 0.04, so 0.3..0.7 is five
   * standard deviations either way; before the fix the share was 1 listed first, 0 second.
   */
  @Test
  void identicalClassesShareTheGangsWhicheverIsListedFirst() throws Exception {
    double listed = shareOfA(A, B, 1);
    double reversed = shareOfA(B, A, 2);
    assertTrue(listed > 0.3 && listed < 0.7, "a listed first: " + listed);
    assertTrue(reversed > 0.3 && reversed < 0.7, "a listed second: " + reversed);
  }
}
