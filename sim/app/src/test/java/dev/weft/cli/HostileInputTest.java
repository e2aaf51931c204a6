package dev.weft.cli;

import static dev.weft.cli.CliTest.weft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that is wrong on purpose or by accident, end to end (issue #14 items 4, 5, 6, 8):
 * nothing read is echoed, bad numbers stop at validation with their bound, and failures of the
 * environment are one line with exit code 1.
 */
class HostileInputTest {
  static final String SECRET = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";

  @TempDir
  Path dir;

  Path scenario(String name, String body) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, body);
    return f;
  }

  static String tiny(String nodes, String arrivals) {
    return "name: tiny\nduration: 1h\nnodes:\n" + nodes + "workload:\n  - {name: w, arrivals: "
        + arrivals + ", service: 1s}\n";
  }

  static final String NODES = "  - {name: a, count: 4}\n";

  /** One error line in the contract's form, no stack trace; returns it. */
  static String oneInputError(CliTest.Result r) {
    assertEquals(2, r.code(), r.out() + r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().matches("(?s)[^:]+:\\d+:\\d+: .+"), r.err());
    return r.err().strip();
  }

  @Test
  void includedFilesAreNeverEchoed() throws IOException {
    Files.writeString(dir.resolve(".env"), SECRET + "\nDB_PASSWORD=hunter2\n");
    Path s = scenario("s.yaml", "include: .env\n" + tiny(NODES, "{process: poisson, rate: 1/s}"));
    String line = oneInputError(weft("validate", s.toString()));
    assertFalse(line.contains("wJalr") || line.contains("hunter2"), line);
    assertTrue(line.startsWith(".env:1:1:") || line.contains("/.env:1:1:"), line);

    // a file outside the scenario's folder is refused before it is read
    Path passwd = scenario("p.yaml", "include: /etc/passwd\n" + tiny(NODES,
        "{process: poisson, rate: 1/s}"));
    line = oneInputError(weft("validate", passwd.toString()));
    assertTrue(line.contains("p.yaml:1:10: included file '/etc/passwd' lies outside the"
        + " scenario's folder") && line.contains("WEFT_INCLUDE_PATH"), line);
    assertFalse(line.contains("root:"), line);
    Files.createDirectories(dir.resolve("sub"));
    Path up = scenario("sub/u.yaml", "include: ../.env\n" + tiny(NODES,
        "{process: poisson, rate: 1/s}"));
    assertTrue(oneInputError(weft("validate", up.toString())).contains("lies outside"));
  }

  @Test
  void tracesAndRegionFilesAreNeverEchoed() throws IOException {
    Files.writeString(dir.resolve("trace.csv"), SECRET + "\n" + SECRET + "\n");
    Path s = scenario("t.yaml", tiny(NODES, "{process: trace, file: trace.csv}"));
    CliTest.Result r = weft("validate", s.toString());
    assertEquals(2, r.code());
    assertFalse(r.err().contains("wJalr"), r.err());
    assertTrue(r.err().contains("trace.csv:1:1: trace has no column 'TIMESTAMP'"), r.err());

    Files.writeString(dir.resolve("regions.yaml"), "regions: [a]\nrttMs: [[" + SECRET + "]]\n");
    Path n = scenario("n.yaml", "network: {regions: regions.yaml}\n" + tiny(NODES,
        "{process: poisson, rate: 1/s}"));
    r = weft("validate", n.toString());
    assertEquals(2, r.code());
    assertFalse(r.err().contains("wJalr"), r.err());
    assertTrue(r.err().contains("regions.yaml:2:10: expected a round-trip time in ms"),
        r.err());
  }

  @Test
  void controlCharactersAreEscapedAndLongValuesCut() throws IOException {
    Path s = scenario("c.yaml", "\"evil\\e[2J\\a\": 1\n" + tiny(NODES,
        "{process: poisson, rate: 1/s}").replace("name: tiny", "name: \"" + "x".repeat(10_000)
        + "\""));
    CliTest.Result r = weft("validate", s.toString());
    assertEquals(2, r.code());
    assertFalse(r.err().chars().anyMatch(c -> c == 0x1b || c == 0x07), r.err());
    assertTrue(r.err().contains("unknown key 'evil\\u001b[2J\\u0007'"), r.err());
    for (String line : r.err().strip().split("\n")) {
      assertTrue(line.length() < 700, "a long value is cut: " + line.length());
    }
  }

  @Test
  void recursiveAnchorsAndDeviceFilesAreInputErrors() throws IOException {
    Path s = scenario("r.yaml", "a: &x [1, *x]\n" + tiny(NODES, "{process: poisson, rate: 1/s}"));
    assertTrue(oneInputError(weft("validate", s.toString())).contains("recursive anchor"));
    String zero = oneInputError(weft("validate", "/dev/zero"));
    assertEquals("/dev/zero:1:1: is larger than 16 MiB, the limit for a YAML file", zero);
    Path t = scenario("z.yaml", tiny(NODES, "{process: trace, file: /dev/zero}"));
    assertTrue(oneInputError(weft("validate", t.toString())).contains(
        "line is longer than 4096 characters, the limit for a trace"));
  }

  @Test
  void aPipeIsReadUpToItsLimit() throws Exception {
    Path fifo = dir.resolve("fifo.yaml");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    Process feed = new ProcessBuilder("sh", "-c", "yes 'a: 1' > " + fifo).start();
    String line = oneInputError(weft("validate", fifo.toString()));
    assertTrue(line.endsWith("is larger than 16 MiB, the limit for a YAML file"), line);
    feed.destroy();
    assertTrue(feed.waitFor(10, TimeUnit.SECONDS));
  }

  @Test
  void badNumbersStopAtValidationWithTheirBound() throws IOException {
    record Case(String nodes, String arrivals, String expected) {}
    List<Case> cases = List.of(
        new Case("  - {name: a, count: 4, availability: {uptime: 0s, downtime: 0s}}\n",
            "{process: poisson, rate: 1/s}", "uptime and downtime are both 0 on average"),
        new Case(NODES, "{process: poisson, rate: 1e308/s}", "the limit is 1.00e+11"),
        new Case(NODES, "{process: poisson, rate: 1e20/s}",
            "arrival rate 1.00e+20/s makes 3.60e+23 events over the run; the limit is 1.00e+11"),
        new Case(NODES, "{process: renewal, interarrival: 0s}", "interarrival has mean 0"),
        new Case("  - {name: a, count: 2147483647}\n  - {name: b, count: 2147483647}\n",
            "{process: poisson, rate: 1/s}", "more than 10,000,000 nodes"),
        new Case("  - {name: a, count: 4, gpus: 2000000000}\n", "{process: poisson, rate: 1/s}",
            "gpus must be at most 1024"));
    for (Case c : cases) {
      Path s = scenario("b.yaml", tiny(c.nodes(), c.arrivals()));
      CliTest.Result r = weft("validate", s.toString());
      assertEquals(2, r.code(), c.toString());
      assertTrue(r.err().contains(c.expected()), c + " -> " + r.err());
    }
    Path seed = scenario("seed.yaml", "seed: 99999999999999999999\n" + tiny(NODES,
        "{process: poisson, rate: 1/s}"));
    assertTrue(oneInputError(weft("validate", seed.toString())).contains(
        "seed.yaml:1:7: 'seed' is too large: it must lie between -2^63 and 2^63 - 1"));
  }

  @Test
  void outOfMemoryIsOneLineWithTheLog() throws Exception {
    Path log = dir.resolve("oom.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Djava.awt.headless=true", "-Xmx48m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "run",
        CliTest.QUICKSTART, "--out", dir.resolve("oom").toString(), "--set", "duration=3d",
        "--set", "outputs.metricsInterval=1s").redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    String out = Files.readString(log).strip();
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.matches("(?s).*weft: out of memory \\(Java heap \\d+ MiB\\); give it more"
        + " with WEFT_HEAP=8g.*\\(details in .*weft-error-.*\\.log\\)"), out);
    assertFalse(out.contains("\tat "), out);
    assertFalse(Files.exists(dir.resolve("oom")));
  }

  @Test
  void aHandEditedResultsCsvIsOneLine() throws IOException {
    Path out = dir.resolve("sweep");
    String[] args = {"sweep", CliTest.QUICKSTART, "--out", out.toString(), "--set",
        "duration=5m", "--set", "warmup=0", "--param", "scheduler.policy=random,least-loaded"};
    assertEquals(0, weft(args).code());
    Path results = out.resolve("results.csv");
    List<String> rows = Files.readAllLines(results);
    rows.set(1, rows.get(1).replaceFirst(",0,", ",zero,"));
    Files.write(results, rows);
    CliTest.Result r = weft(args);
    assertEquals(1, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("results.csv:2: a metric or replication cell is not a number"),
        r.err());
    assertTrue(r.err().contains("details in"), r.err());
  }
}
