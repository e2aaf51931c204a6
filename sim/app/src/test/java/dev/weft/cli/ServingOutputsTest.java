package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.stats.Tally;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Weft side of the Vidur cross-check (scenarios/vidur-crosscheck.yaml, shortened), as CI
 * runs it: its serving latencies checked against counts taken another way, from the trace and
 * from metrics/requests.csv.
 */
class ServingOutputsTest {
  static final String SCENARIO = "../../scenarios/vidur-crosscheck.yaml";

  @TempDir
  static Path dir;
  static Path out;
  static JsonNode summary;

  @BeforeAll
  static void runOnce() throws Exception {
    out = dir.resolve("vc");
    CliTest.Result r = CliTest.weft("run", SCENARIO, "--out", out.toString(), "--set",
        "duration=4m", "--set", "warmup=30s", "--set", "outputs.requests=true", "--set",
        "outputs.trace=true");
    assertEquals(0, r.code(), r.err());
    summary = CliTest.JSON.readTree(out.resolve("summary.json").toFile());
  }

  private static List<String[]> csv(String name) throws Exception {
    return CliTest.csvRows(out.resolve(name));
  }

  /** One row per completed request; its time per output token recomputed from the rows. */
  @Test
  void requestsCsvHasEveryCompletedRequestAndItsTpot() throws Exception {
    List<String[]> rows = csv("metrics/requests.csv");
    assertEquals(summary.at("/jobs/completed").asLong(), rows.size());
    Tally tpot = new Tally();
    for (String[] r : rows) {
      assertEquals("a100", r[2]);
      double first = Double.parseDouble(r[5]);
      double done = Double.parseDouble(r[6]);
      assertTrue(Double.parseDouble(r[4]) <= first && first < done, String.join(",", r));
      tpot.add((done - first) / (Integer.parseInt(r[8]) - 1));
    }
    JsonNode s = summary.at("/serving/timePerOutputToken");
    assertEquals(rows.size(), s.get("count").asLong());
    assertEquals(tpot.mean(), s.get("mean").asDouble(), 1e-9 * tpot.mean());
    assertEquals(tpot.quantile(0.9), s.get("p90").asDouble(), 1e-12);
  }

  /**
   * Time to first token from the trace's submitted and first-token events of the requests
   * submitted after warm-up: the same values, so type-7 quantiles agree exactly.
   */
  @Test
  void firstTokenEventsGiveTheTtftPercentiles() throws Exception {
    Map<String, Double> submitted = new HashMap<>();
    Tally ttft = new Tally();
    double warmup = summary.at("/simulated/warmup").asDouble();
    for (String[] r : csv("trace.csv")) {
      double t = Double.parseDouble(r[0]);
      if (r[1].equals("submitted")) {
        submitted.put(r[2], t);
      } else if (r[1].equals("first-token") && submitted.get(r[2]) >= warmup) {
        ttft.add(t - submitted.get(r[2]));
      }
    }
    JsonNode s = summary.at("/serving/timeToFirstToken");
    assertEquals(ttft.count(), s.get("count").asLong());
    for (String p : List.of("p50", "p90", "p99")) {
      double q = ttft.quantile(Integer.parseInt(p.substring(1)) / 100.0);
      assertEquals(q, s.get(p).asDouble(), 1e-12, p);
    }
  }

  /**
   * Every request has 128 output tokens, so 127 intervals summing to its decode time: the mean
   * over tokens equals the mean over requests of time per output token, up to the requests
   * still decoding at the end (a few of hundreds).
   */
  @Test
  void timeBetweenTokensAgreesWithTimePerOutputToken() {
    JsonNode tbt = summary.at("/serving/timeBetweenTokens");
    JsonNode tpot = summary.at("/serving/timePerOutputToken");
    assertTrue(tbt.get("count").asLong() >= 127 * tpot.get("count").asLong());
    assertEquals(tpot.get("mean").asDouble(), tbt.get("mean").asDouble(),
        0.02 * tpot.get("mean").asDouble());
    assertTrue(tbt.get("p50").asDouble() <= tbt.get("p90").asDouble()
        && tbt.get("p90").asDouble() <= tbt.get("p99").asDouble());
  }
}
