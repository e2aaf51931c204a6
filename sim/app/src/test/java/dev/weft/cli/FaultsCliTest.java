package dev.weft.cli;

import static dev.weft.cli.CliTest.weft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults-* scenarios run and their reports show the effect, checked against counts worked
 * out by hand; the faults: section is validated like every other.
 */
class FaultsCliTest {
  @TempDir
  Path dir;

  Path run(String name) {
    Path out = dir.resolve(name);
    CliTest.Result r = weft("run", "../../scenarios/" + name + ".yaml", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    return out;
  }

  @Test
  void aRegionalOutageTakesExactlyThatRegionDown() throws IOException {
    Path out = run("faults-regional-outage");
    // 300 nodes by weights 0.34 / 0.33 / 0.33: 102 / 99 / 99, so 201 outside eu-west
    List<String> rows = Files.readAllLines(out.resolve("metrics/timeseries.csv"));
    List<String> header = List.of(rows.get(0).split(","));
    int t = header.indexOf("time");
    int online = header.indexOf("onlineNodes");
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split(",");
      double time = Double.parseDouble(c[t]);
      double expected = time >= 3 * 3600 && time < 5 * 3600 ? 201 : 300;
      assertEquals(expected, Double.parseDouble(c[online]), row);
    }
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("| eu-west-outage | at 3.00 h | regions eu-west offline for"
        + " 2.00 h | online nodes 300 → 201;"), report);
  }

  @Test
  void aMassSlashingTakesTheFraudAndCorrelationPenalties() throws IOException {
    Path out = run("faults-mass-slashing");
    JsonNode e = CliTest.JSON.readTree(out.resolve("summary.json").toFile()).path("economics");
    // 30% of 200 operators = 60, each with 2,000 staked: fraud penalty 5% = 100 each; two days
    // later the correlation penalty 2,000 x min(1, 3 x 120,000 / 400,000) = 1,800 each (the
    // others topped up to the full 400,000 staked by then)
    assertEquals(60 * 100.0, e.path("slashedByCause").path("fraud").asDouble(), 1e-9);
    assertEquals(60 * 1800.0, e.path("slashedByCause").path("correlation").asDouble(), 1e-9);
    assertEquals(1.0, e.path("falseSlashRate").asDouble(), "every operator was honest");
    assertTrue(Files.readString(out.resolve("report.md")).contains("| client-bug | at 3.00 d |"
        + " 30% of the operators slashed as for fraud | staked 4.00e+05 → 3.94e+05 tokens;"
        + " slashed by the end of the run 1.14e+05 tokens |"));
  }

  @Test
  void aClassFailurePartitionAndPriceCrashShowInTheReport() throws IOException {
    String cls = Files.readString(run("faults-class-failure").resolve("report.md"));
    assertTrue(cls.contains("| bad-driver-update | at 2.00 h | class driver-x offline for"
        + " 1.50 h |"), cls);
    JsonNode part = CliTest.JSON.readTree(run("faults-partition").resolve("summary.json")
        .toFile());
    assertTrue(part.path("network").path("transfers").path("failed").asLong() > 0,
        part.path("network").toString());
    JsonNode crash = CliTest.JSON.readTree(run("faults-price-crash").resolve("summary.json")
        .toFile());
    assertTrue(crash.path("nodes").path("onlineMean").asDouble() < 190,
        "operators leave after the crash: " + crash.path("nodes"));
  }

  @Test
  void theFaultsSectionIsValidated() throws IOException {
    String head = """
        name: f
        duration: 1h
        nodes: [{name: a, count: 4}]
        workload: [{name: w, arrivals: {process: poisson, rate: 1/s}, service: 1s}]
        faults:
        """;
    Path s = dir.resolve("f.yaml");
    Files.writeString(s, head + """
          - {kind: slash, share: 1.5, at: 10m}
          - {kind: flood, at: 10m}
        """);
    expect(weft("validate", s.toString()), "f.yaml:6:26: 'share' must be >= 0 and <= 1",
        "f.yaml:7:12: unknown fault kind 'flood'; known: region, class, slash");
    Files.writeString(s, head + """
          - {kind: region, regions: [mars], at: 10m, duration: 5m}
          - {kind: class, nodeClass: b, at: 2h, duration: 5m}
          - {kind: slash, at: 10m}
        """);
    expect(weft("validate", s.toString()), "f.yaml:6:12: a region fault needs a network section",
        "f.yaml:7:30: unknown node class 'b'", "f.yaml:7:37: the fault begins at 7200.0 s",
        "f.yaml:8:12: a slash fault needs an economics section");
  }

  static void expect(CliTest.Result r, String... lines) {
    assertEquals(2, r.code());
    for (String expected : lines) {
      assertTrue(r.err().contains(expected), expected + " in\n" + r.err());
    }
  }
}
