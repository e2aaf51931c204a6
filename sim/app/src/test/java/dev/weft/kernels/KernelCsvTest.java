package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.KernelRow;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import dev.weft.yaml.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernel tables on disk: the committed ones load, broken copies fail with positions. */
class KernelCsvTest {
  @TempDir
  Path dir;

  static final String GOOD = "h100-sxm,gemm,bf16,1,6144,4096,,,,,,,,,2.21653e-05,25,src,measured";

  @Test
  void theMeasuredTablesLoad() throws Exception {
    for (String hw : List.of("h100-sxm", "h200")) {
      List<KernelRow> rows = KernelTables.file(TestData.models().resolve("kernels/" + hw
          + ".csv"), TestData.catalog());
      assertEquals(426, rows.size(), hw);
      assertTrue(rows.stream().allMatch(r -> r.label() == Label.MEASURED));
      assertEquals(277, rows.stream().filter(r -> r.op() == Op.GEMM).count());
    }
  }

  @Test
  void rowsRoundTripThroughTheWriter() throws Exception {
    Path f = dir.resolve("h100-sxm.csv");
    List<KernelRow> rows = KernelCsv.read(TestData.models().resolve("kernels/h100-sxm.csv"),
        "in", "h100-sxm");
    KernelCsv.write(f, rows);
    assertEquals(Files.readString(TestData.models().resolve("kernels/h100-sxm.csv")),
        Files.readString(f), "byte for byte: same number format as profile_gpu.py");
  }

  String errors(String... lines) throws IOException {
    Path f = dir.resolve("h100-sxm.csv");
    Files.write(f, List.of(lines));
    InputException e = assertThrows(InputException.class, () -> KernelCsv.read(f, "t.csv",
        "h100-sxm"));
    return e.getMessage();
  }

  @Test
  void brokenTablesSayWhereAndWhat() throws IOException {
    String h = KernelCsv.HEADER;
    assertTrue(errors(h.replace(",samples", "")).contains("t.csv:1:"), "missing column");
    assertTrue(errors(h.replace("seconds", "second")).contains("unknown column 'second' (did "
        + "you mean 'seconds'?)"));
    String e = errors(h, GOOD.replace("gemm", "gemn"), GOOD.replace("2.21653e-05", "-1"),
        GOOD.replace("2.21653e-05", "NaN"), GOOD.replace("2.21653e-05", "22us"),
        GOOD.replace("2.21653e-05", "22100"), GOOD.replace(",4096,", ",4KiB,"),
        GOOD.replace("bf16,1,6144,4096", "bf16,1,6144,"), GOOD.replace("h100-sxm", "h200"),
        GOOD + ",extra", GOOD, GOOD);
    assertTrue(e.contains("t.csv:2:10: op: unknown op 'gemn' (did you mean 'gemm'?)"), e);
    assertTrue(e.contains("t.csv:3:40: seconds: must not be negative"), e);
    assertTrue(e.contains("t.csv:4:") && e.contains("seconds: must be finite"), e);
    assertTrue(e.contains("t.csv:5:") && e.contains("no unit"), e);
    assertTrue(e.contains("t.csv:6:40: seconds: 22100 s is over an hour"), e);
    assertTrue(e.contains("t.csv:7:27: k: '4KiB' is not a whole number"), e);
    assertTrue(e.contains("t.csv:8:10: gemm: k is required"), e);
    assertTrue(e.contains("t.csv:9:1: hardware: 'h200' in a table for 'h100-sxm'"), e);
    assertTrue(e.contains("t.csv:10:") && e.contains("expected 18 fields, found 19"), e);
    assertTrue(e.contains("t.csv:12:1: duplicate key: same shape and label as line 11"), e);
  }

  @Test
  void aQuotedSourceMayHoldACommaAndIsWrittenWithout() throws Exception {
    Path f = dir.resolve("h100-sxm.csv");
    Files.write(f, List.of(KernelCsv.HEADER, GOOD.replace(",src,", ",\"tool, v2\",")));
    List<KernelRow> rows = KernelCsv.read(f, "t.csv", "h100-sxm");
    assertEquals("tool, v2", rows.get(0).source());
    KernelCsv.write(f, rows);
    assertEquals(List.of(KernelCsv.HEADER, GOOD.replace(",src,", ",tool; v2,")),
        Files.readAllLines(f), "no quotes needed: FORMAT.md");
  }

  @Test
  void aTableNamedAfterUnknownHardwareIsRefused() throws Exception {
    Path f = dir.resolve("h100.csv");
    Files.write(f, List.of(KernelCsv.HEADER, GOOD));
    InputException e = assertThrows(InputException.class, () -> KernelTables.file(f,
        TestData.catalog()));
    assertTrue(e.getMessage().contains("no hardware 'h100'"), e.getMessage());
  }

  @Test
  void numbersAreWrittenAsPythonsPercentG() {
    assertEquals("2.21653e-05", Num.g6(2.21653e-05));
    assertEquals("0.000181392", Num.g6(0.000181392));
    assertEquals("1", Num.g6(1.0));
    assertEquals("1.23457e+06", Num.g6(1234567));
    assertEquals("8e-06", Num.g6(8e-06));
  }
}
