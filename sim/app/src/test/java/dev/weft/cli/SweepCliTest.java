package dev.weft.cli;

import static dev.weft.cli.CliTest.weft;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.compare.CompareTestFiles;
import dev.weft.experiment.Sweep;
import dev.weft.experiment.SweepRun;
import dev.weft.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps record what they ran (#14 item 3) and give the same bytes whatever the threads. */
class SweepCliTest {
  @TempDir
  static Path dir;
  static Path base;

  @BeforeAll
  static void files() throws Exception {
    base = CompareTestFiles.write(dir, "tiny.yaml", CompareTestFiles.TINY);
  }

  @Test
  void aPathSweptTwiceIsRefused() {
    var r = weft("sweep", base.toString(), "--param",
        "economics.verification.spotCheckRate=0.1", "--param",
        "economics.verification.spotCheckRate=0.2", "--out", dir.resolve("twice").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("--param:2:1: 'economics.verification.spotCheckRate' is swept"
        + " twice"), r.err());
    assertTrue(!Files.exists(dir.resolve("twice")));
  }

  @Test
  void anEditedScenarioDoesNotResumeIntoTheOldRows() throws Exception {
    Path edited = CompareTestFiles.write(dir, "edited.yaml", CompareTestFiles.TINY);
    Path out = dir.resolve("edited-out");
    String[] args = {"sweep", edited.toString(), "--param",
        "economics.verification.spotCheckRate=0.05", "--out", out.toString()};
    assertEquals(0, weft(args).code());
    Files.writeString(edited, CompareTestFiles.TINY.replace("rate: 12/m", "rate: 13/m"));
    var r = weft(args);
    assertEquals(2, r.code());
    assertTrue(r.err().contains("holds another sweep") && r.err().contains("resolved-sha256"),
        r.err());
    assertEquals(2, Files.readAllLines(out.resolve("results.csv")).size());
  }

  @Test
  void sameBytesWhateverTheJobs() throws Exception {
    for (String jobs : new String[] {"1", "3"}) {
      assertEquals(0, weft("sweep", base.toString(), "--param",
          "economics.verification.spotCheckRate=0.05,0.3", "--param",
          "economics.fees.pricePerGpuHour=2,4", "--replications", "2", "--jobs", jobs,
          "--out", dir.resolve("jobs" + jobs).toString()).code());
    }
    for (String f : new String[] {"results.csv", "timeseries.csv", "report.html"}) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("jobs1").resolve(f)),
          Files.readAllBytes(dir.resolve("jobs3").resolve(f)), f);
    }
    // 4 points x 2 replications, in grid order
    List<String> lines = Files.readAllLines(dir.resolve("jobs1").resolve("results.csv"));
    assertEquals(9, lines.size());
    assertTrue(lines.get(1).startsWith("0.05,2,0,") && lines.get(8).startsWith("0.3,4,1,"));
  }

  @Test
  void aRunFinishedBeforeAnEarlierPointIsWrittenAtOnce() throws Exception {
    // point 0.05 cannot start until point 0.3's row is in results.csv: a writer that kept
    // grid order would hold that row back and the latch would time out
    Path out = dir.resolve("order");
    Files.createDirectories(out);
    CountDownLatch laterWritten = new CountDownLatch(1);
    List<String> seenInFile = new ArrayList<>();
    var design = Sweep.Grid.of(List.of(new Sweep.Param("economics.verification.spotCheckRate",
        List.of("0.05", "0.3"))));
    SweepRun run = new SweepRun(out, design, 3, point -> {
      if (point.get(0).equals("0.05") && !laterWritten.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the later point's row was never written");
      }
      var l = ScenarioLoader.load(base, List.of("economics.verification.spotCheckRate="
          + point.get(0)));
      return new SweepRun.Point(l.scenario(), l.resources());
    }, line -> {
      if (line.startsWith("done [0.3]")) {
        try {
          seenInFile.addAll(Files.readAllLines(out.resolve("results.csv")));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        laterWritten.countDown();
      }
    });
    var rows = run.run(1, 1, null, 2);
    assertEquals(2, rows.size());
    assertEquals(2, seenInFile.size(), "header and the later point's row, before the first");
    assertTrue(seenInFile.get(1).startsWith("0.3,0,"), seenInFile.get(1));
    // and at the end the file is in grid order again
    assertTrue(Files.readAllLines(out.resolve("results.csv")).get(1).startsWith("0.05,0,"));
  }
}
