package dev.weft.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.network.MatrixLatency;
import dev.weft.network.RegionGraph;
import dev.weft.network.RegionTable;
import dev.weft.network.VivaldiLatency;
import dev.weft.yaml.InputException;
import dev.weft.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The committed region files: regenerated from the published data, read, and fitted. */
class RegionFilesTest {

  /** The worktree root: the first parent of the working directory that holds models/. */
  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("models"))) {
      p = p.getParent();
    }
    assertTrue(p != null, "no models/ above " + Path.of("").toAbsolutePath());
    return p;
  }

  static Path models() {
    return root().resolve("models/network");
  }

  @Test
  void committedFilesAreWhatTheConverterMakesFromTheData() throws Exception {
    Path data = root().resolve("../shared/data/network").normalize();
    assumeTrue(Files.isRegularFile(data.resolve("azure-rtt-ms.csv")),
        "published data not checked out at " + data);
    Map<String, String> files = RegionDataConverter.render(data);
    assertEquals(List.of("azure-regions.yaml", "ibm-regions.yaml", "regions.yaml"),
        List.copyOf(files.keySet()));
    for (Map.Entry<String, String> e : files.entrySet()) {
      String committed = Files.readString(models().resolve(e.getKey()), StandardCharsets.UTF_8);
      assertEquals(committed, e.getValue(), e.getKey() + " differs from a fresh conversion;"
          + " rerun RegionDataConverter");
    }
  }

  @Test
  void theScenarioRegionsAreSixteenSymmetricAzureRegions() throws Exception {
    RegionTable t = RegionsFile.read(models().resolve("regions.yaml"), "regions.yaml");
    assertEquals(16, t.size());
    assertEquals(List.of("us-east", "us-central", "us-west", "ca-central", "sa-east",
        "uk-south", "eu-west", "eu-central", "eu-north", "me-central", "af-south", "ap-south",
        "ap-southeast", "ap-east", "ap-northeast", "au-east"), t.ids());
    // East US to West Europe: 84 ms both ways in the source
    assertEquals(0.084, t.rtt(t.index("us-east"), t.index("eu-west")), 1e-12);
    assertEquals(0.001, t.rtt(t.index("ap-south"), t.index("ap-south")), 1e-12);
  }

  @Test
  void theRawAzureFileAveragesBothDirections() throws Exception {
    RegionTable azure = RegionsFile.read(models().resolve("azure-regions.yaml"), "azure");
    assertEquals(54, azure.size());
    // the source's largest asymmetry: Germany West Central to UAE North 118, back 100
    int g = azure.index("Germany West Central");
    int u = azure.index("UAE North");
    assertEquals(0.109, azure.rtt(g, u), 1e-12);
    assertEquals(0.109, azure.rtt(u, g), 1e-12);
    RegionTable scenario = RegionsFile.read(models().resolve("regions.yaml"), "regions");
    assertEquals(scenario.rtt(scenario.index("eu-central"), scenario.index("me-central")),
        azure.rtt(g, u), 1e-12);
    RegionTable ibm = RegionsFile.read(models().resolve("ibm-regions.yaml"), "ibm");
    assertEquals(12, ibm.size());
  }

  @Test
  void routesDetourWhereTheDataBreaksTheTriangleInequality() throws Exception {
    RegionTable t = RegionsFile.read(models().resolve("regions.yaml"), "regions.yaml");
    RegionGraph g = new RegionGraph(new MatrixLatency(t));
    int au = t.index("au-east");
    int za = t.index("af-south");
    // 328 ms direct; 95 + 177 = 272 ms through Singapore
    assertEquals(List.of(au, t.index("ap-southeast"), za),
        java.util.Arrays.stream(g.route(au, za)).boxed().toList());
    assertEquals(0.136, g.oneWayLatency(au, za), 1e-12);
    int us = t.index("us-east");
    int eu = t.index("eu-west");
    assertEquals(2, g.route(us, eu).length);
    assertEquals(0.042, g.oneWayLatency(us, eu), 1e-12);
  }

  /**
   * Vivaldi (2 dimensions plus height, 2,000 rounds, seed 42) on the 54-region Azure matrix:
   * median relative error 7.2% (0.0718); on the 16 scenario regions 5.3% (0.0529).
   */
  @Test
  void vivaldiFitsTheAzureMatrixWithinTenPercent() throws Exception {
    for (String file : List.of("azure-regions.yaml", "regions.yaml")) {
      MatrixLatency m = new MatrixLatency(RegionsFile.read(models().resolve(file), file));
      VivaldiLatency v = VivaldiLatency.fit(m, 2, 2000,
          RandomSource.XO_SHI_RO_256_PP.create(42L));
      double err = v.medianRelativeError(m);
      System.out.printf("vivaldi median relative error on %s: %.4f%n", file, err);
      assertTrue(err < 0.10, file + ": median relative error " + err);
    }
  }

  @Test
  void badFilesAreReportedWithPositions() {
    InputException e = assertThrows(InputException.class, () -> RegionsFile.parse(
        YamlReader.readString("""
            regions: [a, b]
            rttMs:
              - [null, 5]
              - [x, 0]
            """, "r.yaml")));
    String all = e.getMessage();
    assertTrue(all.contains("r.yaml:3:6: the RTT within a is missing"), all);
    assertTrue(all.contains("r.yaml:4:6: expected a round-trip time"), all);
    e = assertThrows(InputException.class, () -> RegionsFile.parse(
        YamlReader.readString("regions: [a]\nrttMs: [[1], [2]]\n", "r.yaml")));
    assertTrue(e.getMessage().contains("one row per region (1)"), e.getMessage());
  }
}
