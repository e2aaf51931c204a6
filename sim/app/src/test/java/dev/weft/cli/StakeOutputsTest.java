package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics/stake.csv} (outputs.stake) against {@code metrics/operators.csv}, counted
 * another way: the change log, replayed, gives each operator's end stake, integrates over the
 * window to its mean stake, and its fraud-slash steps add up to the ledger's own fraud slashes
 * (the lazy-deterrence scenario, shortened: lazy operators slashed and topped up an epoch later).
 */
class StakeOutputsTest {
  static final String SCENARIO = "../../scenarios/economics-lazy-deterrence.yaml";

  @TempDir
  static Path dir;
  static Path out;
  static JsonNode summary;

  @BeforeAll
  static void runOnce() throws Exception {
    out = dir.resolve("lazy");
    CliTest.Result r = CliTest.weft("run", SCENARIO, "--out", out.toString(), "--set",
        "duration=6h", "--set", "warmup=1h", "--set", "outputs.stake=true");
    assertEquals(0, r.code(), r.err());
    summary = CliTest.JSON.readTree(out.resolve("summary.json").toFile());
  }

  private static List<String[]> rows(String name) throws Exception {
    return CliTest.csvRows(out.resolve(name));
  }

  @Test
  void theChangeLogReplaysToTheOperatorLedger() throws Exception {
    double w = summary.at("/economics/window/start").asDouble();
    double t = summary.at("/economics/window/end").asDouble();
    Map<Integer, Double> stake = new HashMap<>();
    Map<Integer, Double> since = new HashMap<>();
    Map<Integer, Double> area = new HashMap<>();
    Map<Integer, Double> fraud = new HashMap<>();
    int slashes = 0;
    for (String[] r : rows("metrics/stake.csv")) {
      int o = Integer.parseInt(r[1]);
      double at = Double.parseDouble(r[0]);
      double v = Double.parseDouble(r[3]);
      if (stake.containsKey(o)) {
        double from = Math.max(since.get(o), w);
        area.merge(o, stake.get(o) * Math.max(0, at - from), Double::sum);
        if (r[4].equals("slash-fraud") && at >= w) {
          fraud.merge(o, stake.get(o) - v, Double::sum);
          slashes++;
        }
      } else {
        assertEquals("start", r[4]);
      }
      stake.put(o, v);
      since.put(o, at);
    }
    assertTrue(slashes > 0, "lazy operators are slashed in the window");
    List<String[]> ops = rows("metrics/operators.csv");
    List<String> header = List.of(Files.readAllLines(out.resolve("metrics/operators.csv"))
        .get(0).split(","));
    assertEquals(ops.size(), stake.size(), "every operator starts the log");
    int below = 0;
    for (String[] r : ops) {
      int o = Integer.parseInt(r[0]);
      double mean = (area.getOrDefault(o, 0.0) + stake.get(o) * (t - Math.max(since.get(o), w)))
          / (t - w);
      assertEquals(Double.parseDouble(r[header.indexOf("stakeEnd")]), stake.get(o), 1e-9);
      assertEquals(Double.parseDouble(r[header.indexOf("stakeMean")]), mean, 1e-6);
      assertEquals(Double.parseDouble(r[header.indexOf("slashedFraud")]),
          fraud.getOrDefault(o, 0.0), 1e-6);
      below += Double.parseDouble(r[header.indexOf("stakeMin")])
          < Double.parseDouble(r[header.indexOf("stakeStart")]) ? 1 : 0;
    }
    assertTrue(below > 0, "a slash held until the next epoch's top-up lowers the least stake");
    double leastLazy = ops.stream().filter(r -> r[header.indexOf("behaviour")].equals("lazy"))
        .mapToDouble(r -> Double.parseDouble(r[header.indexOf("stakeMin")])).min()
        .orElseThrow();
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains(String.format(java.util.Locale.ROOT, "| operators | lazy | 20 |"
        + " 40,000.0 TOKEN | %,.1f TOKEN |", mean(ops, header, "lazy"))), "the report's stake"
        + " table sums the operators' rows");
    assertTrue(report.contains(String.format(java.util.Locale.ROOT, "| %,.1f TOKEN |\n",
        leastLazy)));
  }

  private static double mean(List<String[]> ops, List<String> header, String behaviour) {
    return ops.stream().filter(r -> r[header.indexOf("behaviour")].equals(behaviour))
        .mapToDouble(r -> Double.parseDouble(r[header.indexOf("stakeMean")])).sum();
  }

  @Test
  void aSweepSaysItWritesNoStakeLog() throws Exception {
    Path sweep = dir.resolve("sweep");
    CliTest.Result r = CliTest.weft("sweep", SCENARIO, "--out", sweep.toString(), "--set",
        "duration=2h", "--set", "warmup=1h", "--set", "outputs.stake=true", "--param",
        "economics.verification.spotCheckRate=0.01");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("note: outputs.stake asks for files of one run, which `weft run`"
        + " writes; `weft sweep` writes none of them"), r.err());
    assertFalse(Files.exists(sweep.resolve("metrics")));
  }

  @Test
  void aScenarioWithoutEconomicsHasNoStakeToLog() throws Exception {
    Path none = dir.resolve("none");
    CliTest.Result r = CliTest.weft("run", "../../scenarios/training-data-parallel.yaml",
        "--out", none.toString(), "--set", "outputs.stake=true");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--set:1:15: outputs.stake"), r.err());
    assertFalse(Files.exists(none), "nothing written");
  }
}
