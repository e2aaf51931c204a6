package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, as a user drives it. */
class CliTest {
  static final String QUICKSTART = "../../scenarios/quickstart.yaml";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static Path quickstartOut;

  record Result(int code, String out, String err) {}

  static Result weft(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void runQuickstartOnce() {
    quickstartOut = dir.resolve("quickstart");
    Result r = weft("run", QUICKSTART, "--out", quickstartOut.toString());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void quickstartWritesEveryOutputOfTheContract() throws IOException {
    for (String f : List.of("summary.json", "metrics/timeseries.csv",
        "metrics/node-classes.csv", "metrics/workloads.csv", "report.html", "report.md",
        "scenario.resolved.yaml", "charts/utilization.svg")) {
      assertTrue(Files.size(quickstartOut.resolve(f)) > 0, f);
    }
    JsonNode s = JSON.readTree(quickstartOut.resolve("summary.json").toFile());
    assertEquals("quickstart", s.get("scenario").asText());
    assertEquals(42, s.get("seed").asLong());
    assertEquals(7200.0, s.at("/simulated/duration").asDouble());
    assertEquals(1200.0, s.at("/simulated/warmup").asDouble());
    // every operator pre-pulled the weights (preloaded): no cold start, from t = 0 on; so a
    // lazy operator's card is warm, gets requests and returns junk that checks catch
    assertTrue(s.at("/network").has("coldStarts"));
    List<String> series = Files.readAllLines(quickstartOut.resolve("metrics/timeseries.csv"));
    int col = List.of(series.get(0).split(",")).indexOf("coldStarts");
    assertEquals(0, Double.parseDouble(series.get(series.size() - 1).split(",")[col]),
        "no node downloads the model weights");
    assertTrue(s.at("/economics/lazyDetection/junkOperators").asLong() > 0, "lazy cards cheat");
    assertTrue(s.at("/economics/lazyDetection/slashed").asLong() > 0, "and are caught");
    assertTrue(s.at("/network/latencyShare").asDouble() > 0);
    assertTrue(s.at("/kernelTimings/provenance/measured").asDouble() > 0);
    for (String k : List.of("wallSeconds", "events", "eventsPerSecond", "weftVersion")) {
      assertTrue(s.get("run").has(k), k);
    }
    JsonNode j = s.get("jobs");
    assertTrue(j.get("submitted").asLong() > 100_000);
    assertEquals(j.get("submitted").asLong(), j.get("completed").asLong()
        + j.get("failed").asLong() + j.get("expired").asLong() + j.get("inFlight").asLong());
    for (String k : List.of("mean", "p50", "p95", "p99")) {
      assertTrue(j.get("wait").has(k));
      assertTrue(j.get("latency").get(k).asDouble() > 0);
    }
    assertTrue(j.has("throughput") && j.has("deadlineMissRate"));
    assertTrue(s.at("/nodes/count").asInt() >= 1000);
    assertTrue(s.at("/nodes/onlineMean").asDouble() > 0);
    assertTrue(s.at("/nodes/utilization").asDouble() > 0);
    JsonNode e = s.get("economics");
    JsonNode supply = e.get("supply");
    assertEquals(supply.get("initial").asDouble() + supply.get("minted").asDouble()
        - supply.get("burned").asDouble(), supply.get("final").asDouble(), 1e-3);
    for (String k : List.of("slashed", "gini", "nakamoto")) {
      assertTrue(e.has(k), k);
    }
    assertTrue(e.at("/roi/lazy").asDouble() < e.at("/roi/honest").asDouble(),
        "lazy operators do worse than honest ones at 5% spot checks");
    assertTrue(Files.readString(quickstartOut.resolve("metrics/economics.csv"))
        .startsWith("time,price,supply"));
    String html = Files.readString(quickstartOut.resolve("report.html"));
    assertTrue(html.contains("<svg"), "charts are inline");
    assertFalse(html.contains("src=\"http"), "self-contained");
    String md = Files.readString(quickstartOut.resolve("report.md"));
    assertTrue(md.contains("](charts/utilization.svg)"));
  }

  @Test
  void sameSeedSameBytesOtherSeedDiffers() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    String[] common = {"--set", "duration=1h", "--set", "warmup=10m"};
    assertEquals(0, weft(concat("run", QUICKSTART, "--out", a.toString(), common)).code());
    // b runs in a JVM of its own: hash-seeded iteration orders (Map.of, Set.of) differ between
    // JVMs, and a report must not depend on them; nor on the locale (a German JVM writes
    // decimal commas unless told otherwise)
    assertEquals(0, inOtherJvm(concat("-Duser.language=de", "-Duser.country=DE",
        Main.class.getName(), "run", QUICKSTART, "--out", b.toString(), common[0], common[1],
        common[2], common[3])));
    assertEquals(0, weft(concat("run", QUICKSTART, "--out", c.toString(), "--seed", "43",
        common[0], common[1], common[2], common[3])).code());
    assertEquals(withoutRun(a), withoutRun(b));
    for (String f : List.of("metrics/timeseries.csv", "metrics/node-classes.csv",
        "metrics/workloads.csv", "scenario.resolved.yaml")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    // the whole report, byte for byte: the wall-clock speed is only in summary.json's run
    try (var charts = Files.list(a.resolve("charts"))) {
      List<String> files = new ArrayList<>(List.of("report.md", "report.html"));
      charts.forEach(p -> files.add("charts/" + p.getFileName()));
      assertTrue(files.size() > 5, files.toString());
      for (String f : files) {
        assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
      }
    }
    assertFalse(Files.readString(a.resolve("report.md")).contains("wall"));
    assertNotEquals(withoutRun(a), withoutRun(c));
  }

  /** Runs the CLI in a fresh JVM on this test's class path; returns its exit code. */
  static int inOtherJvm(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Djava.awt.headless=true", "-cp",
        System.getProperty("java.class.path")));
    if (args.length == 0 || !args[0].startsWith("-D")) {
      cmd.add(Main.class.getName());
    }
    cmd.addAll(List.of(args)); // JVM options (-D...) then the main class, or the CLI's arguments
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The rows of a CSV file without its header, each split on commas (no quoted fields). */
  static List<String[]> csvRows(Path file) throws IOException {
    return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  static String[] concat(String a, String b, String c, String d, String... rest) {
    List<String> l = new ArrayList<>(List.of(a, b, c, d));
    l.addAll(List.of(rest));
    return l.toArray(String[]::new);
  }

  static String withoutRun(Path out) throws IOException {
    ObjectNode n = (ObjectNode) JSON.readTree(out.resolve("summary.json").toFile());
    n.remove("run");
    return n.toString();
  }

  @Test
  void badInputExitsTwoWritesNothingAndPrintsNoStackTrace() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        name: broken
        duration: 1 fortnight
        nodes:
          - {name: a, count: -1, hardware: h100}
        workload:
          - {name: w, arrivals: {process: poisson, rate: 1/s}, service: 1s}
        scheduler: {policy: fastest}
        """);
    Path out = dir.resolve("never");
    Result r = weft("run", bad.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertFalse(Files.exists(out), "no output folder for bad input");
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    String[] lines = r.err().strip().split("\n");
    assertEquals(4, lines.length, r.err());
    for (String line : lines) {
      assertTrue(line.matches(".*bad\\.yaml:\\d+:\\d+: .+"), line);
    }
    try (var siblings = Files.list(dir)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".never")),
          "no staging folder left behind");
    }
  }

  @Test
  void neverOverwritesAFolderItDidNotWrite() throws IOException {
    Path precious = dir.resolve("precious");
    Files.createDirectories(precious);
    Files.writeString(precious.resolve("thesis.tex"), "years of work");
    Result r = weft("run", QUICKSTART, "--out", precious.toString(), "--set", "duration=5m",
        "--set", "warmup=0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("was not written by weft"), r.err());
    assertEquals("years of work", Files.readString(precious.resolve("thesis.tex")));
    Path file = dir.resolve("afile");
    Files.writeString(file, "x");
    assertEquals(2, weft("run", QUICKSTART, "--out", file.toString()).code());
    assertEquals("x", Files.readString(file));
    // a folder weft wrote is replaced by the next run
    Path mine = dir.resolve("mine");
    assertEquals(0, weft("run", QUICKSTART, "--out", mine.toString(), "--set", "duration=5m",
        "--set", "warmup=0").code());
    assertEquals(0, weft("run", QUICKSTART, "--out", mine.toString(), "--set", "duration=6m",
        "--set", "warmup=0").code());
    assertTrue(Files.readString(mine.resolve("summary.json")).contains("360.0"));
  }

  @Test
  void missingFileAndBadOptions() {
    Result r = weft("run", dir.resolve("missing.yaml").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("missing.yaml:1:1: file not found"), r.err());
    assertEquals(2, weft("run").code());
    assertEquals(2, weft("run", QUICKSTART, "--replications", "0").code());
    assertEquals(2, weft("frobnicate").code());
  }

  @Test
  void validatePrintsOkOrErrors() throws IOException {
    Result ok = weft("validate", QUICKSTART);
    assertEquals(0, ok.code(), ok.err());
    assertEquals("ok", ok.out().strip());
    Path bad = dir.resolve("alias.yaml");
    Files.writeString(bad, "a: &a [1, 2]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a,"
        + " *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
    Result r = weft("validate", bad.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("alias.yaml:"), r.err());
  }

  @Test
  void schemaIsJsonGeneratedFromTheRecords() throws IOException {
    Result r = weft("schema");
    assertEquals(0, r.code());
    JsonNode schema = JSON.readTree(r.out());
    assertEquals("object", schema.get("type").asText());
    assertTrue(schema.at("/properties/nodes/items/$ref").asText().endsWith("NodeClass"));
    JsonNode policy = schema.at("/$defs/SchedulerConfig/properties/policy/enum");
    assertTrue(policy.toString().contains("least-loaded"), policy.toString());
    List<String> required = new ArrayList<>();
    schema.get("required").forEach(n -> required.add(n.asText()));
    assertEquals(List.of("name", "duration", "nodes", "workload"), required);
    // JSON Schema patterns are ECMA-262: no Java-only \\Q...\\E quoting, and they must work
    List<String> patterns = new ArrayList<>();
    schema.findValues("pattern").forEach(p -> patterns.add(p.asText()));
    assertFalse(patterns.isEmpty());
    for (String p : patterns) {
      assertFalse(p.contains("\\Q"), p);
      java.util.regex.Pattern.compile(p);
    }
    assertTrue(java.util.regex.Pattern.compile(patterns.get(0)).matcher("250ms").matches()
        || patterns.stream().anyMatch(p -> java.util.regex.Pattern.compile(p).matcher("250ms")
        .matches()), "a duration pattern accepts 250ms");
  }

  @Test
  void helpAndVersion() {
    Result v = weft("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("weft "));
    for (String cmd : List.of("run", "validate", "schema")) {
      Result h = weft(cmd, "--help");
      assertEquals(0, h.code());
      assertTrue(h.out().contains("Usage: weft " + cmd), h.out());
    }
  }

  @Test
  void replicationsReportConfidenceIntervals() throws IOException {
    Path out = dir.resolve("reps");
    Result r = weft("run", QUICKSTART, "--out", out.toString(), "--replications", "3",
        "--set", "duration=40m", "--set", "warmup=10m");
    assertEquals(0, r.code(), r.err());
    JsonNode reps = JSON.readTree(out.resolve("summary.json").toFile()).get("replications");
    assertEquals(3, reps.get("count").asInt());
    JsonNode lat = reps.at("/metrics/jobs.latency.mean");
    double lo = lat.get("ci95").get(0).asDouble();
    double hi = lat.get("ci95").get(1).asDouble();
    assertTrue(lo < lat.get("mean").asDouble() && lat.get("mean").asDouble() < hi);
    assertEquals(4, Files.readAllLines(out.resolve("metrics/replications.csv")).size());
  }

  @Test
  void everyEconomicsScenarioRunsAndConservesSupply() throws IOException {
    try (var files = Files.list(Path.of("../../scenarios"))) {
      for (Path f : files.filter(x -> x.getFileName().toString().startsWith("economics-"))
          .sorted().toList()) {
        Path out = dir.resolve("econ-" + f.getFileName());
        Result r = weft("run", f.toString(), "--out", out.toString(), "--set", "duration=4h",
            "--set", "warmup=30m");
        assertEquals(0, r.code(), f + ": " + r.err());
        JsonNode supply = JSON.readTree(out.resolve("summary.json").toFile())
            .at("/economics/supply");
        assertEquals(supply.get("initial").asDouble() + supply.get("minted").asDouble()
            - supply.get("burned").asDouble(), supply.get("final").asDouble(),
            1e-9 * supply.get("initial").asDouble(), f.toString());
      }
    }
  }

  @Test
  void sweepWritesRowsAsItGoesAndResumes() throws IOException {
    Path out = dir.resolve("sweep");
    String[] base = {"sweep", QUICKSTART, "--out", out.toString(), "--set", "duration=20m",
        "--set", "warmup=5m", "--param", "scheduler.policy=random,least-loaded"};
    Result first = weft(base);
    assertEquals(0, first.code(), first.err());
    List<String> rows = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(3, rows.size());
    assertTrue(rows.get(0).startsWith("scheduler.policy,replication,seed,jobs.submitted"));
    assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
    // a crash mid-write leaves half a line; the rerun drops it and adds only what is missing
    Files.writeString(out.resolve("results.csv"), "random,1,12", java.nio.file.StandardOpenOption.APPEND);
    List<String> more = new ArrayList<>(List.of(base));
    more.addAll(List.of("--replications", "2"));
    Result second = weft(more.toArray(String[]::new));
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("resuming: 2 runs already"), second.out());
    rows = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(5, rows.size(), rows.toString());
    // another experiment into the same folder is refused, and the rows stay as they were
    Result other = weft("sweep", QUICKSTART, "--out", out.toString(), "--set", "duration=20m",
        "--set", "warmup=5m", "--param", "scheduler.retries=1,2");
    assertEquals(2, other.code(), other.out());
    assertTrue(other.err().contains("holds another sweep"), other.err());
    Result otherSets = weft("sweep", QUICKSTART, "--out", out.toString(), "--set",
        "duration=30m", "--set", "warmup=5m", "--param", "scheduler.policy=random");
    assertEquals(2, otherSets.code(), otherSets.out());
    assertEquals(rows, Files.readAllLines(out.resolve("results.csv")));
    assertEquals(2, weft("sweep", QUICKSTART, "--param", "scheduler.policy=random,fastest",
        "--out", dir.resolve("sweep-bad").toString()).code());
    assertFalse(Files.exists(dir.resolve("sweep-bad")), "bad input writes nothing");
  }

  @Test
  void traceWritesOneRowPerLifecycleEvent() throws IOException {
    Path out = dir.resolve("trace");
    Result r = weft("run", QUICKSTART, "--out", out.toString(), "--set", "duration=2m",
        "--set", "warmup=0", "--set", "outputs.trace=true");
    assertEquals(0, r.code(), r.err());
    List<String> rows = Files.readAllLines(out.resolve("trace.csv"));
    assertEquals("time,event,job,workload,node", rows.get(0));
    long submitted = rows.stream().filter(l -> l.contains(",submitted,")).count();
    long completed = rows.stream().filter(l -> l.contains(",completed,")).count();
    JsonNode j = JSON.readTree(out.resolve("summary.json").toFile()).get("jobs");
    assertEquals(j.get("submitted").asLong(), submitted);
    assertEquals(j.get("completed").asLong(), completed);
  }
}
