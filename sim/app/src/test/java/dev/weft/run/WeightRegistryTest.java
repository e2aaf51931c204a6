package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.workload.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold starts download model weights from the registry (a CDN: an edge in every region, one
 * finite capacity shared max-min): checked against the closed form of a shared bottleneck.
 */
class WeightRegistryTest {
  @TempDir
  Path dir;

  /** N requests at t = 0, one per node (round robin), each node cold for the model. */
  private Map<Long, double[]> run(int nodes, String down, String registry, String regions)
      throws Exception {
    StringBuilder csv = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
    for (int i = 0; i < nodes; i++) {
      csv.append("0,100,10\n");
    }
    Files.writeString(dir.resolve("burst.csv"), csv);
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, """
        name: registry
        duration: 3000s
        network: {regions: REGIONS, registryLink: REGISTRY}
        nodes:
          - {name: n, count: COUNT, hardware: rtx-4090, regions: PLACES,
             link: {up: 1Gbps, down: DOWN}}
        workload:
          - name: chat
            kind: inference
            model: llama-3-8b
            origin: eu-west
            arrivals: {process: trace, file: burst.csv}
        scheduler: {policy: round-robin}
        """.replace("REGIONS", NetworkRunTest.REGIONS).replace("REGISTRY", registry)
        .replace("COUNT", Integer.toString(nodes)).replace("DOWN", down)
        .replace("PLACES", regions));
    ScenarioLoader.Loaded l = ScenarioLoader.load(f, List.of());
    weightBits = l.resources().aiModels().get("llama-3-8b").weightBytes() * 8;
    // per job: when its node began the download, and when its service started
    Map<Long, double[]> times = new HashMap<>();
    new World(l.scenario(), l.resources()).trace((double t, TraceEvent e, Job job, int node) -> {
      if (job == null) {
        return;
      }
      double[] x = times.computeIfAbsent(job.id(), k -> new double[] {Double.NaN, Double.NaN});
      if (e == TraceEvent.WEIGHTS_DOWNLOAD) {
        x[0] = t;
      } else if (e == TraceEvent.STARTED && Double.isNaN(x[1])) {
        x[1] = t;
      }
    }).run();
    return times;
  }

  private double weightBits;

  @Test
  void concurrentColdStartsShareTheRegistryLink() throws Exception {
    int n = 8;
    // node downlinks (10 Gbps) far above the registry's fair share (2 Gbps / 8): the registry
    // is the only bottleneck, so all N downloads end together at N * bits / registry; half the
    // nodes are in another region, served by another edge of the same registry
    Map<Long, double[]> times = run(n, "10Gbps", "2Gbps", "{eu-west: 0.5, eu-central: 0.5}");
    assertEquals(n, times.size());
    double expected = n * weightBits / 2e9;
    for (double[] x : times.values()) {
      assertEquals(0.0, x[0], 0.1, "every node goes cold at once");
      // latency aside: the same-region one-way trip before the download (well under 0.1 s)
      assertEquals(expected, x[1] - x[0], 0.1 + 1e-3 * expected);
    }
  }

  @Test
  void aSingleDownloadRunsAtTheSlowerOfRegistryAndDownlink() throws Exception {
    for (String[] c : new String[][] {{"10Gbps", "1Gbps"}, {"1Gbps", "10Gbps"}}) {
      Map<Long, double[]> times = run(1, c[0], c[1], "eu-west");
      double[] x = times.values().iterator().next();
      double expected = weightBits / 1e9; // min(registry, downlink) = 1 Gbps either way
      assertEquals(expected, x[1] - x[0], 0.1 + 1e-3 * expected, "down " + c[0]
          + ", registry " + c[1]);
    }
  }
}
