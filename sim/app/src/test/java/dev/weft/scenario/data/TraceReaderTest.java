package dev.weft.scenario.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.scenario.ArrivalProcess;
import dev.weft.scenario.Arrivals;
import dev.weft.workload.ArrivalTrace;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
  @TempDir
  Path dir;

  static Arrivals trace(Path file, double speedup) {
    return new Arrivals(ArrivalProcess.TRACE, null, null, file.toString(), "TIMESTAMP", "ContextTokens",
        "GeneratedTokens", speedup, false);
  }

  static final Location AT = new Location("s.yaml", 3, 5);

  @Test
  void readsAzureConversationTrace() throws Exception {
    Path shared = dev.weft.kernels.SharedData.locate().orElse(null);
    assumeTrue(shared != null, "no ../shared/data on this machine");
    Path f = shared.resolve("traces/AzureLLMInferenceTrace_conv.csv");
    ArrivalTrace t = TraceReader.read(trace(f, 1), AT);
    assertEquals(19366, t.size());
    assertEquals(0.0, t.offsets()[0]);
    assertEquals(374, t.promptTokens()[0]); // first row: 18:15:46.6805900,374,44
    assertEquals(44, t.outputTokens()[0]);
    assertEquals(50.9951690 - 46.6805900, t.offsets()[1], 1e-6);
    for (int i = 1; i < t.size(); i++) {
      assertTrue(t.offsets()[i] >= t.offsets()[i - 1]);
    }
    ArrivalTrace fast = TraceReader.read(trace(f, 2), AT);
    assertEquals(t.offsets()[t.size() - 1] / 2, fast.offsets()[fast.size() - 1], 1e-9);
    assertTrue(t.offsets()[t.size() - 1] > 3000, "about an hour of requests");
  }

  @Test
  void acceptsSecondsAndSortsRows() throws Exception {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "TIMESTAMP,ContextTokens,GeneratedTokens\n10.5,5,6\n10,1,2\n12,3,4\n");
    ArrivalTrace t = TraceReader.read(trace(f, 1), AT);
    assertEquals(0.0, t.offsets()[0]);
    assertEquals(1, t.promptTokens()[0]);
    assertEquals(0.5, t.offsets()[1]);
    assertEquals(2.0 + 1.0, t.period(), 1e-12, "span plus one mean gap");
  }

  @Test
  void badCellsAreReportedWithPositions() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "TIMESTAMP,ContextTokens,GeneratedTokens\n"
        + "2023-11-16 18:15:46.68,374,44\n"
        + "yesterday,10,10\n"
        + "2023-11-16 18:15:47,-3,10\n"
        + "2023-11-16 18:15:48,5\n");
    InputException e = assertThrows(InputException.class, () -> TraceReader.read(trace(f, 1),
        AT));
    String m = e.getMessage();
    // positions only: the cells are not quoted, as a trace named by mistake may hold anything
    assertTrue(m.contains("bad.csv:3:1: not a time"), m);
    assertTrue(m.contains("bad.csv:4:21: not a token count"), m);
    assertFalse(m.contains("yesterday"), m);
    assertTrue(m.contains("bad.csv:5:1: expected 3 columns, found 2"), m);
  }

  @Test
  void missingColumnAndFile() throws Exception {
    Path f = dir.resolve("cols.csv");
    Files.writeString(f, "time,prompt,output\n1,2,3\n");
    InputException e = assertThrows(InputException.class, () -> TraceReader.read(trace(f, 1),
        AT));
    assertTrue(e.getMessage().contains("trace has no column 'TIMESTAMP' (its first line names"
        + " the columns"), e.getMessage());
    assertFalse(e.getMessage().contains("prompt"), "the header is not echoed");
    InputException missing = assertThrows(InputException.class,
        () -> TraceReader.read(trace(dir.resolve("none.csv"), 1), AT));
    assertTrue(missing.getMessage().startsWith("s.yaml:3:5: trace file not found"));
  }
}
