package dev.weft.cli;

import static dev.weft.cli.CliTest.weft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.report.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output folders end to end: a run killed (as by kill -9) before each step of replacing a
 * report loses neither the report nor the user's files; runs, sweeps and foreign folders are
 * told apart; a folder is written by one process at a time; SIGTERM leaves no staging folder.
 */
class OutputSafetyTest {
  static final String Q = CliTest.QUICKSTART;

  @TempDir
  Path dir;

  static CliTest.Result run(Path out, String duration) {
    return weft("run", Q, "--out", out.toString(), "--set", "duration=" + duration, "--set",
        "warmup=0");
  }

  /** {@code weft ARGS} in a child JVM with extra system properties; its exit code and output. */
  static Process child(Path log, List<String> props, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Djava.awt.headless=true"));
    cmd.addAll(props);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  static int waitFor(Process p) throws InterruptedException {
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
    return p.exitValue();
  }

  static List<Path> hiddenSiblings(Path out) throws IOException {
    String prefix = "." + out.getFileName() + ".";
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)
          && !p.getFileName().toString().endsWith(".weft-lock")).toList();
    }
  }

  static double duration(Path folder) throws IOException {
    return CliTest.JSON.readTree(folder.resolve("summary.json").toFile()).path("simulated")
        .path("duration").asDouble(Double.NaN);
  }

  @ParameterizedTest(name = "killed before {0}")
  @ValueSource(strings = {"manifest", "aside", "in", "users", "delete", "done"})
  void aKillAtAnyStepOfTheCommitLosesNothing(String step) throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, run(out, "5m").code());
    Files.writeString(out.resolve("notes.md"), "my notes");
    Files.createDirectories(out.resolve("work"));
    Files.writeString(out.resolve("work/analysis.ipynb"), "{}");
    Files.writeString(out.resolve("metrics/mine.csv"), "x\n1\n");

    Process p = child(dir.resolve("child.log"), List.of("-Dweft.test.haltBefore=" + step),
        "run", Q, "--out", out.toString(), "--set", "duration=6m", "--set", "warmup=0");
    assertEquals(137, waitFor(p), Files.readString(dir.resolve("child.log")));

    // after the kill: a whole report (old or new) and every user file exist somewhere
    List<Path> places = new ArrayList<>(hiddenSiblings(out));
    if (Files.exists(out)) {
      places.add(out);
    }
    assertTrue(places.stream().anyMatch(f -> Files.exists(f.resolve("report.md"))
        && Files.exists(f.resolve("charts"))), "a whole report survives: " + places);
    for (String user : List.of("notes.md", "work/analysis.ipynb", "metrics/mine.csv")) {
      assertTrue(places.stream().anyMatch(f -> Files.exists(f.resolve(user))), user);
    }

    // the next run finishes or undoes the interrupted step, and puts everything in place
    CliTest.Result next = run(out, "7m");
    assertEquals(0, next.code(), next.err());
    assertEquals(420.0, duration(out));
    assertEquals("my notes", Files.readString(out.resolve("notes.md")));
    assertEquals("{}", Files.readString(out.resolve("work/analysis.ipynb")));
    assertEquals("x\n1\n", Files.readString(out.resolve("metrics/mine.csv")));
    assertEquals(List.of(), hiddenSiblings(out), "no staging or old folder left");
  }

  @Test
  void aRerunKeepsUserFilesAndDropsOnlyWhatWeftWrote() throws IOException {
    Path out = dir.resolve("r");
    assertEquals(0, run(out, "5m").code());
    Files.writeString(out.resolve("notes.md"), "mine");
    Files.writeString(out.resolve("report.md"), "edited by hand"); // Weft's: replaced
    Files.writeString(out.resolve("trace.csv"), "a user's file of a name Weft may write");
    assertEquals(0, run(out, "6m").code());
    assertEquals("mine", Files.readString(out.resolve("notes.md")));
    assertFalse(Files.readString(out.resolve("report.md")).contains("edited by hand"));
    assertEquals(360.0, duration(out));
    // the run wrote no trace, so the user's trace.csv stays as it was
    assertEquals("a user's file of a name Weft may write",
        Files.readString(out.resolve("trace.csv")));
    // with a trace, Weft's own takes the name and the user's is kept beside it
    CliTest.Result r = weft("run", Q, "--out", out.toString(), "--set", "duration=5m", "--set",
        "warmup=0", "--set", "outputs.trace=true");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(out.resolve("trace.csv")).startsWith("time,event"));
    assertEquals("a user's file of a name Weft may write",
        Files.readString(out.resolve("trace.csv.user")));
  }

  @Test
  void runsAndSweepsAreToldApart() throws IOException {
    Path sweep = dir.resolve("s");
    CliTest.Result s = weft("sweep", Q, "--out", sweep.toString(), "--set", "duration=5m",
        "--set", "warmup=0", "--param", "scheduler.policy=random");
    assertEquals(0, s.code(), s.err());
    String rows = Files.readString(sweep.resolve("results.csv"));
    CliTest.Result r = run(sweep, "5m");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("holds a Weft sweep, not a run"), r.err());
    assertEquals(rows, Files.readString(sweep.resolve("results.csv")));

    Path report = dir.resolve("r");
    assertEquals(0, run(report, "5m").code());
    CliTest.Result intoRun = weft("sweep", Q, "--out", report.toString(), "--set",
        "duration=5m", "--set", "warmup=0", "--param", "scheduler.policy=random");
    assertEquals(2, intoRun.code());
    assertTrue(intoRun.err().contains("holds a Weft run, not a sweep"), intoRun.err());

    // a folder Weft did not write is refused whatever it holds, even a results.csv
    Path foreign = dir.resolve("f");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("results.csv"), "my,own\n1,2\n");
    CliTest.Result f = weft("sweep", Q, "--out", foreign.toString(), "--set", "duration=5m",
        "--set", "warmup=0", "--param", "scheduler.policy=random");
    assertEquals(2, f.code());
    assertTrue(f.err().contains("was not written by weft"), f.err());
    assertEquals("my,own\n1,2\n", Files.readString(foreign.resolve("results.csv")));
  }

  @Test
  void aSecondWriterOfTheSameFolderIsRefused() throws Exception {
    Path out = dir.resolve("busy");
    try (OutputFolder held = new OutputFolder(out)) {
      Process p = child(dir.resolve("lock.log"), List.of(), "run", Q, "--out", out.toString(),
          "--set", "duration=5m", "--set", "warmup=0");
      assertEquals(2, waitFor(p));
      assertTrue(Files.readString(dir.resolve("lock.log")).contains(
          "is being written by another weft run or sweep"), Files.readString(
          dir.resolve("lock.log")));
      Process sweep = child(dir.resolve("lock2.log"), List.of(), "sweep", Q, "--out",
          out.toString(), "--set", "duration=5m", "--set", "warmup=0", "--param",
          "scheduler.policy=random");
      assertEquals(2, waitFor(sweep));
      // in this JVM too
      CliTest.Result r = run(out, "5m");
      assertEquals(2, r.code());
      assertTrue(r.err().contains("is being written by another weft"), r.err());
    }
    assertEquals(0, run(out, "5m").code(), "free again once released");
  }

  /** A long run in a child JVM, once it has staged its folder beside {@code out}. */
  Process longRunStaged(Path out) throws Exception {
    Process p = child(dir.resolve(out.getFileName() + ".log"), List.of(), "run", Q, "--out",
        out.toString(), "--set", "duration=30d");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (hiddenSiblings(out).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertFalse(hiddenSiblings(out).isEmpty(), "the run staged its folder");
    return p;
  }

  @Test
  void sigtermRemovesTheStagingFolder() throws Exception {
    Path out = dir.resolve("term");
    Process p = longRunStaged(out);
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(List.of(), hiddenSiblings(out), "staging folder removed on SIGTERM");
    assertFalse(Files.exists(out));
  }

  @Test
  void aStagingFolderLeftByKillDashNineIsSweptByTheNextRun() throws Exception {
    Path out = dir.resolve("k9");
    Process p = longRunStaged(out);
    p.destroyForcibly(); // SIGKILL: no hook runs
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, hiddenSiblings(out).size(), "kill -9 leaves the staging folder");
    assertEquals(0, run(out, "5m").code());
    assertEquals(List.of(), hiddenSiblings(out));
  }

  @Test
  void theResolvedScenarioNamesFilesRelativeToTheReport() throws IOException {
    Path out = dir.resolve("rel");
    assertEquals(0, run(out, "5m").code());
    String resolved = Files.readString(out.resolve("scenario.resolved.yaml"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\n  regions: (\\S+)\n")
        .matcher(resolved);
    assertTrue(m.find(), resolved);
    Path regions = Path.of(m.group(1));
    assertFalse(regions.isAbsolute(), "no machine path in the resolved scenario: " + regions);
    assertEquals(Path.of("../../models/network/regions.yaml").toAbsolutePath().normalize(),
        out.resolve(regions).normalize());
    // and it reruns from where it is
    CliTest.Result again = weft("validate", out.resolve("scenario.resolved.yaml").toString());
    assertEquals(0, again.code(), again.err());
  }

  @Test
  void overLongNamesAndFoldersUnderAFileAreOneLine() throws IOException {
    Path longName = dir.resolve("x".repeat(250));
    CliTest.Result r = run(longName, "5m");
    assertEquals(0, r.code(), r.err()); // the hidden siblings' names are shortened
    Path tooLong = dir.resolve("y".repeat(256));
    r = run(tooLong, "5m");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("longer than 255 bytes"), r.err());
    Path file = dir.resolve("plain");
    Files.writeString(file, "x");
    r = run(file.resolve("sub"), "5m");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is a file, not a folder"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
