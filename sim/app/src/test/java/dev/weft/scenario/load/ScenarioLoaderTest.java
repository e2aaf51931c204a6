package dev.weft.scenario.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.Scenario;
import dev.weft.scenario.SyntheticWorkload;
import dev.weft.scenario.yaml.RecordWriter;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
  @TempDir
  Path dir;

  static final String MINIMAL = """
      name: t
      duration: 2h
      nodes:
        - name: a
          count: 3
      workload:
        - name: w
          arrivals: {process: poisson, rate: 3/m}
          service: 250ms
      """;

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  List<InputError> errors(String text, String... overrides) throws IOException {
    Path p = write("bad.yaml", text);
    InputException e = assertThrows(InputException.class,
        () -> ScenarioLoader.load(p, List.of(overrides)));
    return e.errors();
  }

  static void assertOne(List<InputError> errs, int line, int column, String fragment) {
    assertTrue(errs.stream().anyMatch(e -> e.where().line() == line
        && e.where().column() == column && e.message().contains(fragment)),
        "expected " + line + ":" + column + " '" + fragment + "' in " + errs);
  }

  @Test
  void loadsUnitsAndDefaults() throws Exception {
    Scenario s = ScenarioLoader.load(write("ok.yaml", MINIMAL), List.of()).scenario();
    assertEquals(7200.0, s.duration());
    assertEquals(0.05, s.workload().get(0).arrivals().rate(), 1e-15);
    assertEquals(0.25, ((SyntheticWorkload) s.workload().get(0)).service().params()
        .get("value"));
    assertEquals("least-loaded", s.scheduler().policy());
    assertEquals(60.0, s.outputs().metricsInterval());
    assertEquals("abstract", s.nodes().get(0).hardware());
    assertNull(s.workload().get(0).deadline());
  }

  @Test
  void overridesReachKeysListsAndMaps() throws Exception {
    Scenario s = ScenarioLoader.load(write("ok.yaml", MINIMAL), List.of(
        "scheduler.policy=random", "nodes[0].count=500", "workload[0].deadline=30s",
        "workload[0].service={dist: exponential, mean: 2s}", "seed=7")).scenario();
    assertEquals("random", s.scheduler().policy());
    assertEquals(500, s.nodes().get(0).count());
    assertEquals(30.0, s.workload().get(0).deadline());
    assertEquals("exponential", ((SyntheticWorkload) s.workload().get(0)).service().dist());
    assertEquals(7, s.seed());
  }

  @Test
  void includesMergeUnderTheFile() throws Exception {
    write("base.yaml", """
        duration: 1d
        scheduler: {policy: fifo-central, retries: 5}
        nodes: [{name: z, count: 1}]
        """);
    Path main = write("main.yaml", MINIMAL + "include: [base.yaml]\nscheduler: {retries: 1}\n");
    Scenario s = ScenarioLoader.load(main, List.of()).scenario();
    assertEquals(7200.0, s.duration(), "the including file wins");
    assertEquals("fifo-central", s.scheduler().policy(), "maps merge key by key");
    assertEquals(1, s.scheduler().retries());
    assertEquals("a", s.nodes().get(0).name(), "lists are replaced, not merged");
  }

  @Test
  void includeCycleAndMissingIncludeAreErrors() throws Exception {
    write("x.yaml", "include: [y.yaml]\n");
    write("y.yaml", "include: [x.yaml]\n");
    Path main = write("main.yaml", MINIMAL + "include: [x.yaml, nothere.yaml]\n");
    InputException e = assertThrows(InputException.class,
        () -> ScenarioLoader.load(main, List.of()));
    assertTrue(e.getMessage().contains("include cycle"), e.getMessage());
    assertTrue(e.getMessage().contains("included file not found: 'nothere.yaml'"));
  }

  @Test
  void unknownKeySuggestsTheClosest() throws Exception {
    var errs = errors(MINIMAL.replace("  count: 3", "  cuont: 3"));
    assertOne(errs, 5, 5, "unknown key 'cuont' in a node class (did you mean 'count'?)");
  }

  @Test
  void badUnitNamesTheUnits() throws Exception {
    var errs = errors(MINIMAL.replace("duration: 2h", "duration: 2 hours"));
    assertOne(errs, 2, 11, "'2 hours' is not a duration");
    assertTrue(errs.get(0).message().contains("ms"), errs.toString());
  }

  @Test
  void negativeCount() throws Exception {
    assertOne(errors(MINIMAL.replace("count: 3", "count: -4")), 5, 12, "must be >= 0");
  }

  @Test
  void unknownSchedulerListsKnownPolicies() throws Exception {
    var errs = errors(MINIMAL + "scheduler: {policy: least-loadd}\n");
    assertOne(errs, 10, 21, "unknown scheduler policy 'least-loadd' (did you mean "
        + "'least-loaded'?)");
    assertTrue(errs.get(0).message().contains("fifo-central, random"));
  }

  @Test
  void unknownHardwareListsKnownIds() throws Exception {
    var errs = errors(MINIMAL.replace("count: 3", "count: 3\n    hardware: h100"));
    assertOne(errs, 6, 15, "unknown hardware id 'h100'");
    assertTrue(errs.get(0).message().contains("h100-sxm"));
  }

  @Test
  void yamlSyntaxErrorHasAPosition() throws Exception {
    var errs = errors("name: t\nnodes: [a, b\nduration: 1h\n");
    assertEquals(1, errs.size());
    assertTrue(errs.get(0).message().startsWith("YAML syntax error"), errs.toString());
    assertTrue(errs.get(0).where().line() >= 2);
  }

  @Test
  void aliasBombIsRefusedQuickly() throws Exception {
    StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    long t0 = System.nanoTime();
    var errs = errors(y.toString());
    assertTrue(errs.get(0).message().contains("aliases"), errs.toString());
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L); // generous: it takes milliseconds
  }

  @Test
  void missingFile() {
    InputException e = assertThrows(InputException.class,
        () -> ScenarioLoader.load(dir.resolve("nope.yaml"), List.of()));
    assertTrue(e.getMessage().endsWith(":1:1: file not found"), e.getMessage());
  }

  @Test
  void missingRequiredKeyAndWrongShapes() throws Exception {
    var errs = errors("""
        name: t
        nodes: {name: a}
        workload:
          - name: w
            arrivals: {process: poisson, rate: 1/s}
            service: [1, 2]
        """);
    assertOne(errs, 1, 1, "missing required key 'duration'");
    assertOne(errs, 2, 8, "'nodes' must be a list");
    assertOne(errs, 6, 14, "must be a quantity or a map with 'dist'");
  }

  @Test
  void duplicateKeys() throws Exception {
    assertOne(errors(MINIMAL + "seed: 1\nseed: 2\n"), 11, 1, "duplicate key 'seed'");
  }

  @Test
  void distributionErrors() throws Exception {
    assertOne(errors(MINIMAL.replace("service: 250ms", "service: {dist: exponentail, mean: 2s}")),
        9, 21, "unknown distribution 'exponentail' (did you mean 'exponential'?)");
    assertOne(errors(MINIMAL.replace("service: 250ms", "service: {dist: weibull, shape: 2}")),
        9, 14, "weibull needs 'scale'");
    assertOne(errors(MINIMAL.replace("service: 250ms",
        "service: {dist: uniform, min: 1s, mx: 2s}")), 9, 39, "'mx' is not a parameter of "
        + "uniform (did you mean 'max'?)");
    assertOne(errors(MINIMAL.replace("service: 250ms", "service: {dist: normal, mean: 1s, sd: 1s}")),
        9, 14, "service time can be negative");
  }

  @Test
  void crossFieldChecks() throws Exception {
    var errs = errors(MINIMAL.replace("name: t", "name: ../evil").replace("duration: 2h",
        "duration: 2h\nwarmup: 3h") + "  - name: w\n    arrivals: {process: renewal, rate: 1/s}\n"
        + "    service: 1s\n");
    assertOne(errs, 1, 7, "name '../evil' must be");
    assertOne(errs, 3, 9, "warmup (10800.0 s) must be shorter than duration");
    assertTrue(errs.stream().anyMatch(e -> e.message().contains("workload name 'w' is used twice")));
    assertTrue(errs.stream().anyMatch(e -> e.message().contains("renewal arrivals need")));
  }

  @Test
  void economicsNamesAreCheckedWhereTheyAreWritten() throws Exception {
    var errs = errors(MINIMAL.replace("count: 3", "count: 3\n    behaviour: {honest: 0.9, lazzy: 0.1}")
        + "economics:\n  fees: {model: eip-1559}\n  verification: {policy: spotcheck}\n");
    assertOne(errs, 6, 16, "unknown behaviour 'lazzy' (did you mean 'lazy'?)");
    assertOne(errs, 12, 17, "unknown model 'eip-1559' (did you mean 'eip1559'?)");
    assertOne(errs, 13, 26, "unknown policy 'spotcheck' (did you mean 'spot-check'?)");
  }

  @Test
  void mechanismSettingsAreCheckedWhereTheyAreWritten() throws Exception {
    var errs = errors(MINIMAL + "economics:\n  rewards: {unclaimed: carried}\n"
        + "  behaviours: {sybilIdentities: 0}\n"
        + "  token: {price: {model: amm, liquidity: -5}}\n");
    assertOne(errs, 12, 33, "'sybilIdentities' must be >= 1");
    assertOne(errs, 13, 42, "'liquidity' must be > 0");
    assertOne(errors(MINIMAL + "economics:\n  rewards: {unclaimed: burnt}\n"), 11, 24,
        "unknown unclaimed 'burnt' (did you mean 'burn'?)");
    var deep = errors(MINIMAL + "economics:\n  token: {initialSupply: 1e6,"
        + " price: {model: amm, liquidity: 2e6}}\n");
    assertOne(deep, 11, 3, "the amm pool's liquidity (2000000.0 tokens) exceeds"
        + " token.initialSupply 1000000.0");
  }

  @Test
  void economicsGenesisMustFit() throws Exception {
    var errs = errors(MINIMAL.replace("count: 3", "count: 3\n    stake: 1e9")
        + "economics: {token: {initialSupply: 1e6}}\n");
    assertEquals(1, errs.size(), errs.toString());
    assertTrue(errs.get(0).message().startsWith("economics: "), errs.toString());
  }

  @Test
  void economicsDefaultsBindFromAnEmptyMap() throws Exception {
    Scenario s = ScenarioLoader.load(write("e.yaml", MINIMAL + "economics: {}\n"), List.of())
        .scenario();
    assertEquals("fixed", s.economics().fees().model());
    assertEquals(Map.of("honest", 1.0), s.nodes().get(0).behaviour());
  }

  @Test
  void networkRegionsAreCheckedAgainstTheRegionFile() throws Exception {
    String regions = Path.of("../../models/network/regions.yaml").toAbsolutePath().toString();
    var errs = errors(MINIMAL.replace("count: 3", "count: 3\n    regions: {us-esat: 1}")
        + "network: {regions: " + regions + "}\n");
    assertTrue(errs.get(0).message().contains("unknown region 'us-esat' (did you mean"
        + " 'us-east'?)"), errs.toString());
    var missing = errors(MINIMAL + "network: {regions: nowhere.yaml}\n");
    assertTrue(missing.get(0).message().startsWith("region file not found"), missing.toString());
  }

  @Test
  void allErrorsAtOnceInFileOrder() throws Exception {
    var errs = errors(MINIMAL.replace("count: 3", "count: lots").replace("rate: 3/m",
        "rate: 3/fortnight") + "schedular: {}\n");
    assertEquals(3, errs.size(), errs.toString());
    assertTrue(errs.get(0).where().line() < errs.get(1).where().line());
    assertTrue(errs.get(2).message().contains("did you mean 'scheduler'"));
  }

  @Test
  void badOverrides() throws Exception {
    Path p = write("ok.yaml", MINIMAL);
    InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(p,
        List.of("nodes[3].count=1", "noequals", "nodes[x]=1", "scheduler.policy=rnd")));
    String m = e.getMessage();
    assertTrue(m.contains("--set:1:16: 'nodes[3]'"), m);
    assertTrue(m.contains("index 3 is out of range (the list has 1 entries)"), m);
    assertTrue(m.contains("--set:2:1: 'noequals' must look like PATH=VALUE"), m);
    assertTrue(m.contains("'nodes[x]' is not a path"), m);
    assertTrue(m.contains("--set:4:18: unknown scheduler policy 'rnd'"), m);
  }

  @Test
  void resolvedYamlReloadsToTheSameScenario() throws Exception {
    Scenario s = ScenarioLoader.load(Path.of("../../scenarios/quickstart.yaml"), List.of()).scenario();
    String yaml = RecordWriter.toYaml(s, "# resolved\n");
    Scenario again = ScenarioLoader.load(write("resolved.yaml", yaml), List.of()).scenario();
    assertEquals(s, again);
  }

  @Test
  void everyShippedScenarioValidates() throws Exception {
    try (var files = Files.list(Path.of("../../scenarios"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".yaml")).toList()) {
        boolean needsShared = Files.readString(f).contains("shared/data/");
        if (needsShared && dev.weft.kernels.SharedData.locate().isEmpty()) {
          continue; // replays a file from ../shared/data, absent on this machine
        }
        ScenarioLoader.load(f, List.of());
      }
    }
  }

  static final String KINDS = """
      name: t
      duration: 1h
      nodes:
        - {name: a, count: 2, hardware: h100-sxm, gpus: 1}
      workload:
        - name: plain
          arrivals: {process: poisson, rate: 1}
          service: 1s
        - name: chat
          kind: inference
          arrivals: {process: poisson, rate: 1}
          model: llama-3-8b
          promptTokens: 100
          outputTokens: 10
        - name: tune
          kind: training
          arrivals: {process: renewal, interarrival: 1h}
          model: phi-2
          steps: 3
          batchSequences: 4
      """;

  @Test
  void theKindPicksTheWorkloadRecord() throws Exception {
    Scenario s = ScenarioLoader.load(write("k.yaml", KINDS), List.of()).scenario();
    assertEquals(SyntheticWorkload.class, s.workload().get(0).getClass());
    assertEquals(dev.weft.scenario.InferenceWorkload.class, s.workload().get(1).getClass());
    var t = (dev.weft.scenario.TrainingWorkload) s.workload().get(2);
    assertEquals(4, t.batchSequences());
    assertEquals(2048, t.sequenceLength()); // the default
    assertEquals(dev.weft.scenario.ArrivalProcess.RENEWAL, t.arrivals().process());
  }

  @Test
  void settingsOfAnotherKindLoadAtTheirDefaultAndFailOtherwise() throws Exception {
    // the flat form earlier versions wrote in scenario.resolved.yaml: every default listed
    String flat = KINDS.replace("    outputTokens: 10\n", "    outputTokens: 10\n"
        + "    batchSequences: 8\n    sequenceLength: 2048\n    nodes: 1\n"
        + "    syncEvery: 1\n");
    assertFalse(flat.equals(KINDS));
    assertEquals(3, ScenarioLoader.load(write("flat.yaml", flat), List.of()).scenario()
        .workload().size());
    List<InputError> errs = errors(KINDS.replace("    outputTokens: 10\n",
        "    outputTokens: 10\n    batchSequences: 16\n    steps: 5\n"));
    assertOne(errs, 15, 5, "'batchSequences' is a setting of training workloads, and this one"
        + " is inference (kind: inference)");
    assertOne(errs, 16, 5, "'steps' is a setting of training workloads");
    assertOne(errors(KINDS.replace("    service: 1s\n", "    service: 1s\n"
        + "    model: phi-2\n")), 9, 5, "'model' is a setting of inference and training"
        + " workloads, and this one is synthetic");
    assertOne(errors(KINDS.replace("kind: inference", "kind: inferense")), 10, 11,
        "unknown workload kind 'inferense' (did you mean 'inference'?)");
    assertOne(errors(KINDS.replace("process: renewal", "process: renewl")), 17, 25,
        "unknown arrival process 'renewl'");
    assertOne(errors(KINDS.replace("    batchSequences: 4\n", "    batchSize: 4\n")), 20,
        5, "unknown key 'batchSize' in a training workload");
  }

  @Test
  void resolvedYamlWritesTheKindAfterTheNameAndOnlyItsOwnSettings() throws Exception {
    Scenario s = ScenarioLoader.load(write("k.yaml", KINDS), List.of()).scenario();
    String yaml = RecordWriter.toYaml(s, "");
    assertTrue(yaml.contains("- name: chat\n  kind: inference\n  arrivals:"), yaml);
    assertTrue(yaml.contains("- name: plain\n  kind: synthetic\n"), yaml);
    String chat = yaml.substring(yaml.indexOf("- name: chat"), yaml.indexOf("- name: tune"));
    assertFalse(chat.contains("batchSequences"), chat);
    assertFalse(chat.contains("nodes:"), chat);
    assertEquals(s, ScenarioLoader.load(write("again.yaml", yaml), List.of()).scenario());
  }
}
