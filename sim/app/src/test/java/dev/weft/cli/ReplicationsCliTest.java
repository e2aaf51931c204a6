package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.compare.CompareTestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --replications}: every summary metric, economics included, gets an interval. */
class ReplicationsCliTest {
  @TempDir
  Path dir;

  @Test
  void economicsMetricsAreSummarisedAndTheReportShowsEveryReplication() throws Exception {
    Path base = CompareTestFiles.write(dir, "tiny.yaml", CompareTestFiles.TINY);
    Path out = dir.resolve("out");
    int code = Main.execute(new String[] {"run", base.toString(), "--replications", "3",
        "--out", out.toString()}, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    assertEquals(0, code);
    JsonNode m = new ObjectMapper().readTree(out.resolve("summary.json").toFile())
        .at("/replications/metrics");
    // the mean of the three values in replications.csv, computed here from the file
    List<String> csv = Files.readAllLines(out.resolve("metrics/replications.csv"));
    assertEquals(4, csv.size());
    List<String> header = List.of(csv.get(0).split(","));
    for (String metric : new String[] {"economics.roi.lazy", "economics.slashed",
        "economics.jobs.junkCaught", "nodeClasses.ops.utilization", "jobs.latency.p99"}) {
      int col = header.indexOf(metric);
      assertTrue(col > 1, metric + " is a column");
      double sum = 0;
      for (int r = 1; r <= 3; r++) {
        sum += Double.parseDouble(csv.get(r).split(",")[col]);
      }
      assertEquals(sum / 3, m.at("/" + metric.replace("/", "~1") + "/mean").asDouble(),
          1e-9 * Math.abs(sum), metric);
    }
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("## Replications"));
    assertTrue(md.contains("| 2 | 4603245167376141271 |"), "replication 2's row and seed");
    assertTrue(md.contains("| mean \\[95% CI] |"), "the interval row, after the rows");
    assertTrue(md.indexOf("## Replications") < md.indexOf("## Charts"), "a table among the"
        + " tables, before the charts");
  }
}
