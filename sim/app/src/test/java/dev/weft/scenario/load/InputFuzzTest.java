package dev.weft.scenario.load;

import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.yaml.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing of the scenario loader and of the readers it drives (YAML with includes, request
 * traces, region files): from valid files, jqwik makes mutated ones (lines dropped, doubled or
 * cut; hostile values put in place of values; random bytes) and the loader must either accept
 * them or refuse them with Weft's own {@link InputException}, within a time bound: no other
 * exception, no error, no hang. The number of tries bounds the time (a few seconds each).
 */
public class InputFuzzTest {
  private static final Path DIR = tempDir();
  private static final ExecutorService POOL = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fuzz");
    t.setDaemon(true);
    return t;
  });

  static final String SCENARIO = """
      name: fuzz
      seed: 7
      duration: 2h
      warmup: 10m
      network:
        regions: regions.yaml
        faults:
          - {kind: partition, regions: [b], at: 1h, duration: 5m}
      nodes:
        - name: gpu
          count: 20
          slots: 2
          regions: {a: 0.5, b: 0.5}
          link: {up: 100Mbps, down: 1Gbps}
          availability:
            uptime: {dist: exponential, mean: 6h}
            downtime: {dist: lognormal, median: 10m, sigma: 0.5}
      workload:
        - name: chat
          arrivals: {process: poisson, rate: 2/s}
          service: {dist: exponential, mean: 3s}
          deadline: 1m
        - name: replay
          arrivals: {process: trace, file: trace.csv}
          service: 2s
      scheduler: {policy: least-loaded, retries: 2}
      faults:
        - {kind: class, nodeClass: gpu, at: 30m, duration: 10m}
      outputs: {metricsInterval: 5m}
      """;
  static final String REGIONS = """
      regions: [a, b]
      rttMs:
        - [null, 80]
        - [80, null]
      intraRegionRttMs: 2
      """;
  static final String TRACE = """
      TIMESTAMP,ContextTokens,GeneratedTokens
      2023-11-16 18:15:46.6805900,374,44
      2023-11-16 18:15:50.5517506,396,109
      2023-11-16 18:15:51.1023,879,46
      """;

  /** Values a hostile or careless author might write in place of a good one. */
  static final List<String> HOSTILE = List.of("0", "-1", "0s", "1e308", "1e308/s", "1e20/s",
      "-1e308", "NaN", ".nan", ".inf", "-.inf", "99999999999999999999", "2147483648",
      "9223372036854775808", "''", "\"\"", "~", "null", "[]", "{}", "[[[[[[]]]]]]", "&a [*a]",
      "*nowhere", "!!binary AAAA", "!!java.lang.Object {}", "\"\\u0000\\u001b[2J\"",
      "/etc/passwd", "../../../../etc/passwd", "/dev/zero", "x".repeat(5000), "1 fortnight",
      "{dist: exponential, mean: 0s}", "{dist: constant, value: -5}", "{dist: pareto, shape: 0.5,"
          + " scale: 1}", "{dist: empirical, values: []}", "0/s", "1/0s", "true", "yes");

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("weft-fuzz");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var s = Files.walk(DIR)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Provide
  Arbitrary<String> scenarios() {
    return mutated(SCENARIO);
  }

  @Provide
  Arbitrary<String> regions() {
    return mutated(REGIONS);
  }

  @Provide
  Arbitrary<String> traces() {
    return mutated(TRACE);
  }

  /** {@code text} with one to four edits: a line dropped, doubled or cut, a value replaced. */
  public static Arbitrary<String> mutated(String text) {
    List<String> lines = List.of(text.split("\n"));
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, lines.size() - 1),
        Arbitraries.integers().between(0, 200), Arbitraries.of(HOSTILE),
        Arbitraries.strings().ofMaxLength(12)).as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
      List<String> out = new ArrayList<>(lines);
      for (Edit e : edits) {
        e.apply(out);
      }
      return String.join("\n", out) + "\n";
    });
  }

  /** One change to a file's lines. */
  record Edit(int kind, int line, int at, String hostile, String noise) {
    void apply(List<String> lines) {
      if (lines.isEmpty()) {
        lines.add(noise);
        return;
      }
      int i = line % lines.size();
      String l = lines.get(i);
      switch (kind) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, l);
        case 2 -> lines.set(i, l.substring(0, Math.min(l.length(), at % (l.length() + 1))));
        case 3 -> {
          int colon = l.indexOf(": ");
          int comma = l.indexOf(',');
          lines.set(i, colon >= 0 ? l.substring(0, colon + 2) + hostile
              : comma >= 0 ? hostile + l.substring(comma) : hostile);
        }
        case 4 -> {
          int p = at % (l.length() + 1);
          lines.set(i, l.substring(0, p) + noise + l.substring(p));
        }
        default -> lines.set(i, l.replace("{", "[").replace(":", ""));
      }
    }
  }

  @Property(tries = 400)
  void mutatedScenariosLoadOrFailWithInputErrors(@ForAll("scenarios") String scenario)
      throws Exception {
    loadOnly(scenario, REGIONS, TRACE, List.of());
  }

  @Property(tries = 200)
  void mutatedRegionFilesLoadOrFailWithInputErrors(@ForAll("regions") String regions)
      throws Exception {
    loadOnly(SCENARIO, regions, TRACE, List.of());
  }

  @Property(tries = 200)
  void mutatedTracesLoadOrFailWithInputErrors(@ForAll("traces") String trace)
      throws Exception {
    loadOnly(SCENARIO, REGIONS, trace, List.of());
  }

  /** Every hostile value in place of every value of the scenario: exhaustive, not drawn. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void everyHostileValueAtEveryPlaceLoadsOrFailsWithInputErrors(
      @ForAll("valueLines") int line, @ForAll("hostile") String value) throws Exception {
    List<String> lines = new ArrayList<>(List.of(SCENARIO.split("\n")));
    new Edit(3, line, 0, value, "").apply(lines);
    loadOnly(String.join("\n", lines) + "\n", REGIONS, TRACE, List.of());
  }

  @Provide
  Arbitrary<Integer> valueLines() {
    List<String> lines = List.of(SCENARIO.split("\n"));
    List<Integer> withValue = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(": ") && !lines.get(i).strip().endsWith(":")) {
        withValue.add(i);
      }
    }
    return Arbitraries.of(withValue);
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.of(HOSTILE);
  }

  /** Every hostile value through --set at every path: exhaustive. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void everyHostileOverrideLoadsOrFailsWithInputErrors(@ForAll("paths") String path,
      @ForAll("hostile") String value) throws Exception {
    loadOnly(SCENARIO, REGIONS, TRACE, List.of(path + "=" + value));
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of("seed", "duration", "nodes[0].count", "nodes[0].gpus",
        "nodes[0].availability.uptime", "nodes[0].availability", "workload[0].arrivals.rate",
        "workload[0].service", "faults[0].at", "faults[0]", "faults[0].kind", "network.regions",
        "nodes[99].count", "nodes[-1].count", "include", "workload[1].arrivals.file",
        "outputs.metricsInterval");
  }

  @Property(tries = 200)
  void randomOverridesLoadOrFailWithInputErrors(@ForAll("paths") String path,
      @ForAll @net.jqwik.api.constraints.StringLength(max = 30) String value) throws Exception {
    loadOnly(SCENARIO, REGIONS, TRACE, List.of(path + "=" + value));
  }

  /** Writes the three files and loads the scenario in 20 s at most. */
  static void loadOnly(String scenario, String regions, String trace, List<String> sets)
      throws Exception {
    Path dir = Files.createTempDirectory(DIR, "case");
    Files.writeString(dir.resolve("regions.yaml"), regions, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("trace.csv"), trace, StandardCharsets.UTF_8);
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, scenario, StandardCharsets.UTF_8);
    Future<?> f = POOL.submit(() -> {
      try {
        ScenarioLoader.load(file, sets);
      } catch (InputException expected) {
        // Weft's own refusal: what bad input must give
      }
      return null;
    });
    try {
      f.get(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      fail("loading did not finish in 20 s:\n" + scenario + "\n--set " + sets);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("not an input error: " + e.getCause() + "\n" + scenario
          + "\n--set " + sets + "\n" + regions + "\n" + trace, e.getCause());
    }
  }
}
