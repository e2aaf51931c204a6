package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ai.AiModel;
import dev.weft.ai.Batch;
import dev.weft.ai.InferenceCost;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Label;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H100 node serves a Llama-3-8B request faster than an RTX 4090 node, by about the ratio
 * that the measured GEMMs of the two (our H100 table, LLMServingSim's RTX 4090 profile) give.
 */
class NodeComparisonTest {
  @TempDir
  Path dir;

  static final int PROMPT = 1024;
  static final int OUTPUT = 128;
  static final int CHUNK = 512;

  /** The four per-layer GEMMs of Llama-3-8B at m tokens, from a table. */
  static double layerGemms(KernelTable t, String hw, long m) {
    long[][] nk = {{6144, 4096}, {4096, 4096}, {28672, 4096}, {4096, 14336}};
    double s = 0;
    for (long[] x : nk) {
      s += t.exact(KernelQuery.gemm(hw, Dtype.BF16, m, x[0], x[1])).seconds();
    }
    return s;
  }

  @Test
  void h100ServesTheRequestFaster() throws Exception {
    Kernels k = Kernels.load(TestData.freshModels(dir));
    AiModel llama = k.aiModel("llama-3-8b");
    double h100 = new InferenceCost(k.model(), llama, "h100-sxm", 1).requestSeconds(PROMPT,
        OUTPUT, CHUNK);
    double rtx = new InferenceCost(k.model(), llama, "rtx-4090", 1).requestSeconds(PROMPT,
        OUTPUT, CHUNK);
    assertTrue(rtx > 1.5 * h100, "4090 " + rtx + " s vs H100 " + h100 + " s");
    Batch decode = new Batch().decode(PROMPT);
    var t = new InferenceCost(k.model(), llama, "h100-sxm", 1).timing(decode);
    assertTrue(t.share(Label.MEASURED) > 0.5, "H100 decode mostly measured: " + t);
  }

  @Test
  void theRatioMatchesTheMeasuredGemms() throws Exception {
    Kernels k = Kernels.load(TestData.freshModels(dir));
    AiModel llama = k.aiModel("llama-3-8b");
    double h100 = new InferenceCost(k.model(), llama, "h100-sxm", 1).requestSeconds(PROMPT,
        OUTPUT, CHUNK);
    double rtx = new InferenceCost(k.model(), llama, "rtx-4090", 1).requestSeconds(PROMPT,
        OUTPUT, CHUNK);
    KernelTable lss = KernelTable.of(LlmServingSimImporter.read(TestData.llmServingSim(),
        k.aiModels()).all());
    KernelTable own = k.table();
    // the request's GEMM work: two prefill chunks of 512 rows, then 127 single-row decodes
    double measured = (2 * layerGemms(lss, "rtx-4090", CHUNK) + (OUTPUT - 1)
        * layerGemms(lss, "rtx-4090", 1)) / (2 * layerGemms(own, "h100-sxm", CHUNK)
        + (OUTPUT - 1) * layerGemms(own, "h100-sxm", 1));
    double modelled = rtx / h100;
    assertEquals(measured, modelled, 0.3 * measured, "measured GEMM ratio " + measured
        + ", modelled request ratio " + modelled);
  }

  @Test
  void bothNodesFitTheModel() throws Exception {
    Kernels k = Kernels.load(TestData.freshModels(dir));
    AiModel llama = k.aiModel("llama-3-8b");
    assertTrue(dev.weft.ai.Memory.fits(llama, k.hardware().get("rtx-4090"), 1));
    assertTrue(dev.weft.ai.Memory.maxKvTokens(llama, k.hardware().get("h100-sxm"), 1)
        > 4 * dev.weft.ai.Memory.maxKvTokens(llama, k.hardware().get("rtx-4090"), 1));
  }
}
