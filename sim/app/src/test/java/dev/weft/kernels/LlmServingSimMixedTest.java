package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ai.AiModel;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelModel;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import dev.weft.hardware.Prediction;
import dev.weft.yaml.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLMServingSim's mixed prefill+decode attention rows: imported as attention-mixed, checked
 * like every other row, and scored (VALIDATION.md section 7). Skipped without the shared data.
 */
class LlmServingSimMixedTest {
  static ImportResult imported;
  static KernelTable table;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws Exception {
    if (SharedData.llmServingSim().isEmpty()) {
      return;
    }
    imported = LlmServingSimImporter.read(SharedData.llmServingSim().get(), models());
    table = KernelTable.of(imported.all());
  }

  static Map<String, AiModel> models() throws InputException {
    return Catalogs.models(TestData.models().resolve("ai"));
  }

  static long count(String hw, int kvHeads) {
    return imported.rows().get(hw).stream().filter(r -> r.op() == Op.ATTENTION_MIXED
        && r.query().kvHeads() == kvHeads).count();
  }

  @Test
  void mixedRowsAreImportedWithTheProfilesShapes() {
    TestData.llmServingSim();
    assertEquals(8448, count("rtx-4090", 8));
    // RTX PRO 6000: Llama-3.1-8B overridden to 16 heads / 4 KV, Qwen3-30B to 16 / 2
    assertEquals(18960, count("rtx-pro-6000", 4));
    assertEquals(18960, count("rtx-pro-6000", 2));
    assertEquals(1491 + 8448, imported.rows().get("rtx-4090").size());
    assertEquals(3146 + 2 * 18960, imported.rows().get("rtx-pro-6000").size());
    assertTrue(imported.notes().stream().noneMatch(n -> n.contains("mixed")), imported.notes()
        .toString());
    // rows 102 and 8644 of the RTX 4090 file (time_us)
    assertEquals(9.696e-6, at(KernelQuery.mixed("rtx-4090", Dtype.BF16, 16, 0, 1, 16, 32, 8,
        128)), 1e-15);
    assertEquals(at(KernelQuery.mixed("rtx-4090", Dtype.BF16, 2048, 16384, 128, 16384, 32, 8,
        128)), 36476.4e-6, 1e-12);
    KernelQuery q = KernelQuery.mixed("rtx-pro-6000", Dtype.BF16, 16, 0, 1, 16, 16, 4, 128);
    assertEquals(Label.MEASURED, table.exact(q).label());
    assertEquals(3, table.exact(q).samples());
  }

  double at(KernelQuery q) {
    return table.exact(q).seconds();
  }

  @Test
  void offGridMixedCallsAreInterpolatedOnTheMeasuredGrid() throws Exception {
    TestData.llmServingSim();
    KernelModel m = KernelModel.of(TestData.catalog(), table, List.of());
    KernelQuery q = KernelQuery.mixed("rtx-4090", Dtype.BF16, 100, 3000, 12, 1500, 32, 8, 128);
    Prediction p = m.predict(q);
    assertEquals(Label.INTERPOLATED, p.label(), p.source());
    double lo = at(KernelQuery.mixed("rtx-4090", Dtype.BF16, 64, 2048, 8, 1024, 32, 8, 128));
    double hi = at(KernelQuery.mixed("rtx-4090", Dtype.BF16, 128, 4096, 16, 2048, 32, 8,
        128));
    assertTrue(p.seconds() >= Math.min(lo, hi) && p.seconds() <= Math.max(lo, hi),
        p.seconds() + " not within " + lo + ".." + hi);
    // the 32-head Llama on the RTX PRO 6000 has no mixed grid (its profile ran 16 heads)
    assertTrue(m.measuresMixed(KernelQuery.mixed("rtx-pro-6000", Dtype.BF16, 1, 0, 1, 0, 16,
        4, 128)));
    assertTrue(!m.measuresMixed(KernelQuery.mixed("rtx-pro-6000", Dtype.BF16, 1, 0, 1, 0, 32,
        8, 128)));
  }

  /**
   * Leave one row out along the decode context, and the prefill+decode sum (the fallback),
   * per profile; thresholds a little above the figures in VALIDATION.md section 7.
   */
  @Test
  void leaveOneOutAccuracyOfTheMixedRows() throws Exception {
    TestData.llmServingSim();
    List<Accuracy.Score> scores = Accuracy.mixedAttention(TestData.catalog(), table);
    for (Accuracy.Score s : scores) {
      System.out.printf(java.util.Locale.ROOT, "%s %s %s %s n=%d median %.1f%% p90 %.1f%%%n",
          s.hardware(), s.heldOut(), s.op(), s.label(), s.n(), 100 * s.median(),
          100 * s.p90());
    }
    int profiles = 0;
    for (Accuracy.Score s : scores) {
      if (s.heldOut().equals(Accuracy.MIXED_ROW) && s.label().equals(Accuracy.ALL)) {
        profiles++;
        assertTrue(s.n() > 6000, s.toString());
        assertTrue(s.median() <= MEDIAN_MAX && s.p90() <= P90_MAX, s.toString());
      }
      if (s.heldOut().equals(Accuracy.MIXED_SUM)) {
        // the sum is what the grid fixes: it stays well short of the mixed calls
        assertTrue(s.median() >= 0.18, s.toString());
      }
    }
    assertEquals(3, profiles);
  }

  static final double MEDIAN_MAX = 0.012;
  static final double P90_MAX = 0.12;

  /** A copy of the RTX 4090 profile, for breaking. */
  Path copy() throws Exception {
    Path src = TestData.llmServingSim().resolve("RTX4090");
    Path dst = dir.resolve("lss/RTX4090");
    TestData.copyTree(src, dst);
    return dst.resolve("meta-llama/Llama-3.1-8B/bf16/tp1/attention.csv");
  }

  String brokenLine(int line, String replacement) throws Exception {
    Path f = copy();
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
    lines.set(line - 1, replacement);
    Files.write(f, lines);
    return assertThrows(InputException.class, () -> LlmServingSimImporter.read(dir.resolve(
        "lss"), models())).getMessage();
  }

  @Test
  void brokenMixedRowsSayWhere() throws Exception {
    TestData.llmServingSim();
    // line 200 of the file is a mixed row: 16,16,1,8192,264.751
    String msg = brokenLine(200, "16,16,1,8192,-5");
    assertTrue(msg.contains("attention.csv:200:") && msg.contains("time must be positive"),
        msg);
  }

  @Test
  void nonFiniteTimeAndDuplicateAndEmptyCallsAreErrors() throws Exception {
    TestData.llmServingSim();
    String msg = brokenLine(200, "16,16,1,8192,NaN");
    assertTrue(msg.contains("attention.csv:200:") && msg.contains("positive and finite"), msg);
    msg = brokenLine(201, "16,16,1,8192,20.0");
    assertTrue(msg.contains("attention.csv:201:") && msg.contains("duplicate call") && msg
        .contains("as line 200"), msg);
    msg = brokenLine(201, "0,0,0,0,20.0");
    assertTrue(msg.contains("attention.csv:201:") && msg.contains("neither a prefill chunk"),
        msg);
  }

  @Test
  void missingColumnAndWrongUnitAreErrors() throws Exception {
    TestData.llmServingSim();
    String msg = brokenLine(1, "prefill_chunk,kv_prefill,n_decode,kv_decode,time_ms");
    assertTrue(msg.contains("attention.csv:1:") && msg.contains("missing column 'time_us'"),
        msg);
    msg = brokenLine(1, "prefill_chunk,kv_prefill,n_decode,time_us");
    assertTrue(msg.contains("missing column 'kv_decode'"), msg);
  }
}
