package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Op;
import dev.weft.yaml.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vidur and LLMServingSim imports: counts and hand-checked values on the real files. */
class ImportersTest {
  @TempDir
  Path dir;

  static double at(KernelTable t, KernelQuery q) {
    KernelRow r = t.exact(q);
    assertTrue(r != null, "no row for " + q);
    return r.seconds();
  }

  @Test
  void vidurCountsAndValues() throws Exception {
    ImportResult r = VidurImporter.read(TestData.vidur());
    assertEquals(Map.of("a100-80gb", 39405, "a40", 30001, "h100-sxm", 30649),
        Map.of("a100-80gb", r.rows().get("a100-80gb").size(), "a40", r.rows().get("a40").size(),
            "h100-sxm", r.rows().get("h100-sxm").size()));
    KernelTable t = KernelTable.of(r.all());
    // Meta-Llama-3-8B on A100, first two rows (T 32768, P 1): attn_pre_proj 7.2595 and 7.35 ms
    assertEquals(7.30475e-3, at(t, KernelQuery.gemm("a100-80gb", Dtype.FP16, 32768, 6144,
        4096)), 1e-12);
    KernelRow o = t.exact(KernelQuery.gemm("a100-80gb", Dtype.FP16, 4096, 8192, 8192));
    assertEquals(2.43475e-3, o.seconds(), 1e-12);
    assertEquals(8, o.samples(), "four 70B-class models, two rows each");
    assertTrue(o.source().startsWith("microsoft/vidur@7d47513 a100 attn_post_proj"),
        o.source());
    assertEquals(3.4e-5, at(t, KernelQuery.allReduce("h100-sxm", 1_048_576, 8)), 1e-15);
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("a100_pairwise_nvlink")));
    assertTrue(t.rows().stream().allMatch(x -> x.seconds() > 0 && x.seconds() < 1));
  }

  @Test
  void llmServingSimCountsAndTheTpHalvedShapes() throws Exception {
    ImportResult r = LlmServingSimImporter.read(TestData.llmServingSim(), Catalogs.models(
        TestData.models().resolve("ai")));
    // with the mixed prefill+decode attention rows (8,448 and 2 x 18,960)
    assertEquals(1491 + 8448, r.rows().get("rtx-4090").size());
    assertEquals(3146 + 2 * 18960, r.rows().get("rtx-pro-6000").size());
    KernelTable t = KernelTable.of(r.all());
    assertEquals(54.898e-6, at(t, KernelQuery.gemm("rtx-4090", Dtype.BF16, 1, 6144, 4096)),
        1e-15);
    // the RTX PRO 6000 Llama profile ran 16 heads and 4 KV heads of 128: QKV is 3072 wide
    assertEquals(35.8297e-6, at(t, KernelQuery.gemm("rtx-pro-6000", Dtype.BF16, 1, 3072,
        4096)), 1e-15);
    assertEquals(714.006e-6, at(t, KernelQuery.gemm("rtx-pro-6000", Dtype.BF16, 1, 64128,
        4096)), 1e-15);
    assertEquals(50.2297e-6, at(t, KernelQuery.moe("rtx-pro-6000", Dtype.BF16, 1, 8, 8, 2048,
        768)), 1e-15);
    assertEquals(9.31067e-6, at(t, KernelQuery.decode("rtx-4090", Dtype.BF16, 1, 16, 32, 8,
        128)), 1e-15);
    assertTrue(r.notes().stream().noneMatch(n -> n.contains("mixed prefill+decode")));
    assertEquals(3, t.exact(KernelQuery.gemm("rtx-4090", Dtype.BF16, 1, 6144, 4096))
        .samples());
    assertEquals(0, t.rows().stream().filter(x -> x.op() == Op.ALL_REDUCE).count());
  }

  /** A copy of one Vidur model table and the README, for breaking. */
  Path vidurCopy() throws Exception {
    Path src = TestData.vidur().resolve("compute/a100/microsoft/phi-2/mlp.csv");
    Path dst = dir.resolve("vidur/compute/a100/microsoft/phi-2/mlp.csv");
    Files.createDirectories(dst.getParent());
    Files.copy(src, dst);
    return dir.resolve("vidur");
  }

  @Test
  void brokenVidurFilesSayWhere() throws Exception {
    Path v = vidurCopy();
    Path f = v.resolve("compute/a100/microsoft/phi-2/mlp.csv");
    List<String> lines = Files.readAllLines(f);
    String[] cols = lines.get(0).split(",");
    String[] row = lines.get(3).split(",", -1);
    row[List.of(cols).indexOf("num_tokens")] = "abc";
    lines.set(3, String.join(",", row));
    Files.write(f, lines);
    InputException e = assertThrows(InputException.class, () -> VidurImporter.read(v));
    assertTrue(e.getMessage().contains("compute/a100/microsoft/phi-2/mlp.csv:4:"), e
        .getMessage());
    assertTrue(e.getMessage().contains("num_tokens: 'abc' is not a whole number"), e
        .getMessage());
    Files.write(f, List.of(lines.get(0).replace("time_stats.mlp_up_proj.median", "x"),
        lines.get(1)));
    e = assertThrows(InputException.class, () -> VidurImporter.read(v));
    assertTrue(e.getMessage().contains("missing column 'time_stats.mlp_up_proj.median'"),
        e.getMessage());
    assertThrows(InputException.class, () -> VidurImporter.read(dir));
  }

  @Test
  void brokenLlmServingSimFilesSayWhere() throws Exception {
    Path src = TestData.llmServingSim().resolve("RTX4090");
    Path dst = dir.resolve("lss/RTX4090");
    TestData.copyTree(src, dst);
    Path dense = dst.resolve("meta-llama/Llama-3.1-8B/bf16/tp1/dense.csv");
    List<String> lines = Files.readAllLines(dense);
    lines.set(2, lines.get(2).replaceFirst(",[^,]+$", ",-3"));
    Files.write(dense, lines);
    var models = Catalogs.models(TestData.models().resolve("ai"));
    InputException e = assertThrows(InputException.class,
        () -> LlmServingSimImporter.read(dir.resolve("lss"), models));
    assertTrue(e.getMessage().contains("dense.csv:3:") && e.getMessage().contains(
        "time must be positive"), e.getMessage());
    Path meta = dst.resolve("meta-llama/Llama-3.1-8B/bf16/meta.yaml");
    Files.writeString(meta, Files.readString(meta).replace("model: meta-llama/Llama-3.1-8B",
        "model: meta-llama/Llama-9"));
    e = assertThrows(InputException.class, () -> LlmServingSimImporter.read(dir.resolve("lss"),
        models));
    assertTrue(e.getMessage().contains("meta.yaml:") && e.getMessage().contains(
        "no models/ai/ file whose source names 'meta-llama/Llama-9'"), e.getMessage());
  }
}
