package dev.weft.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.Fixtures;
import dev.weft.hardware.KernelModel;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inference iterations, training steps and memory checks over the kernel model. */
class AiWorkloadTest {
  static final AiModel LLAMA_8B = AiModel.dense("llama-3-8b", 32, 4096, 14336, 32, 8, 128,
      128256, true, 8192, 8.03, 2);
  static final AiModel LLAMA_70B = AiModel.dense("llama-3-70b", 80, 8192, 28672, 64, 8, 128,
      128256, true, 8192, 70.55, 2);
  static final AiModel QWEN_72B = AiModel.dense("qwen-72b", 80, 8192, 24576, 64, 64, 128,
      152064, true, 32768, 72.3, 2);
  static final AiModel QWEN3_MOE = new AiModel("qwen3-30b-a3b", "Qwen3", "", 48, 2048, 6144,
      32, 4, 128, 151936, true, 262144, 30.53, 2, 128, 8, 768);

  static final KernelModel SPEC = KernelModel.of(Fixtures.catalog(), KernelTable.empty(),
      List.of());

  static Batch mixed() {
    Batch b = new Batch();
    b.prefill(512, 0).prefill(300, 1024);
    for (int i = 0; i < 40; i++) {
      b.decode(500 + 37 * i);
    }
    return b;
  }

  @Test
  void kvCachePerTokenFollowsTheFormula() {
    assertEquals(128 * 1024, LLAMA_8B.kvBytesPerToken(1));
    assertEquals(2_621_440, QWEN_72B.kvBytesPerToken(1));
    assertEquals(2L * 80 * 1 * 128 * 2, LLAMA_70B.kvBytesPerToken(8));
    assertEquals(2L * 80 * 1 * 128 * 2, LLAMA_70B.kvBytesPerToken(16), "replicated, not split");
  }

  @Test
  void fitsChecksWeightsAndKvPerDevice() {
    assertTrue(Memory.fits(LLAMA_8B, Fixtures.h100(), 1));
    assertTrue(Memory.fits(LLAMA_8B, Fixtures.rtx4090(), 1));
    assertFalse(Memory.fits(LLAMA_70B, Fixtures.h100(), 1), "141 GB of weights in 80 GB");
    assertTrue(Memory.fits(LLAMA_70B, Fixtures.h100(), 2));
    assertFalse(Memory.fits(LLAMA_70B, Fixtures.rtx4090(), 4), "35 GB per 24 GB card");
    MemoryPlan p = Memory.plan(LLAMA_8B, Fixtures.h100(), 1);
    assertEquals(8.03e9 * 2, p.weightBytes(), 1);
    assertEquals(72e9, p.usableBytes(), 1);
    long expect = (long) ((72e9 - 16.06e9 - p.reserveBytes()) / (128 * 1024));
    assertEquals(expect, Memory.maxKvTokens(LLAMA_8B, Fixtures.h100(), 1));
    assertTrue(expect > 400_000 && expect < 430_000, "about 55 GB of KV: " + expect);
  }

  @Test
  void iterationTimeIsTheSumOfItsKernelsAndOfItsLabels() {
    InferenceCost c = new InferenceCost(SPEC, LLAMA_8B, "h100-sxm", 1);
    Batch b = mixed();
    List<Step> steps = c.steps(b);
    double sum = steps.stream().mapToDouble(Step::seconds).sum();
    double[] byLabel = new double[Label.values().length];
    double t = c.seconds(b, byLabel);
    assertEquals(sum, t, 1e-12 * sum);
    assertEquals(t, java.util.Arrays.stream(byLabel).sum(), 1e-12 * t);
    assertEquals(t, byLabel[Label.SPEC_ROOFLINE.ordinal()], 1e-12 * t, "no tables: all spec");
    assertTrue(steps.stream().anyMatch(s -> s.name().equals("qkv_proj") && s.repeat() == 32
        && s.query().m() == 512 + 300 + 40 && s.query().n() == 6144 && s.query().k() == 4096));
    assertTrue(steps.stream().anyMatch(s -> s.name().equals("attention_decode")
        && s.query().batch() == 40));
    assertEquals(2, steps.stream().filter(s -> s.name().equals("attention_prefill")).count());
    assertTrue(steps.stream().anyMatch(s -> s.name().equals("lm_head") && s.query().m() == 42));
    assertTrue(steps.stream().noneMatch(s -> s.query().op() == Op.ALL_REDUCE), "tp 1");
    Timing timing = c.timing(b);
    assertEquals(t, timing.seconds(), 1e-12 * t);
    assertEquals(1.0, timing.share(Label.SPEC_ROOFLINE), 1e-12);
  }

  @Test
  void tensorParallelismSplitsTheWorkAndAddsAllReduces() {
    InferenceCost one = new InferenceCost(SPEC, LLAMA_70B, "h100-sxm", 4);
    List<Step> steps = one.steps(mixed());
    assertEquals(2, steps.stream().filter(s -> s.query().op() == Op.ALL_REDUCE).count());
    Step qkv = steps.stream().filter(s -> s.name().equals("qkv_proj")).findFirst().get();
    assertEquals((16 + 2 * 2) * 128, qkv.query().n());
    Step ar = steps.stream().filter(s -> s.name().equals("mlp_all_reduce")).findFirst().get();
    assertEquals(852L * 8192 * 2, ar.query().bytes());
    assertEquals(4, ar.query().workers());
    assertThrows(IllegalArgumentException.class,
        () -> new InferenceCost(SPEC, LLAMA_8B, "cpu-x", 2));
  }

  @Test
  void moeLayersReplaceTheMlp() {
    InferenceCost c = new InferenceCost(SPEC, QWEN3_MOE, "h100-sxm", 1);
    Batch b = new Batch().decode(1000);
    Step moe = c.steps(b).stream().filter(s -> s.name().equals("moe")).findFirst().get();
    assertEquals(8, moe.query().batch(), "one token touches its 8 experts");
    assertEquals(768, moe.query().k());
    assertTrue(c.steps(b).stream().noneMatch(s -> s.name().equals("up_proj")));
  }

  @Test
  void theHotPathAllocatesNothingOnceShapesAreCached() {
    InferenceCost c = new InferenceCost(SPEC, LLAMA_8B, "h100-sxm", 1);
    Batch b = mixed();
    double[] labels = new double[Label.values().length];
    double t = c.seconds(b, labels);
    int shapes = c.cachedShapes();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int i = 0; i < 2000; i++) {
      t += c.seconds(b, labels);
    }
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 100_000; i++) {
      t += c.seconds(b, labels);
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    assertTrue(t > 0);
    assertEquals(shapes, c.cachedShapes());
    assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 100k iterations");
  }

  @Test
  void contextsAreRoundedUpOnAFineGridOnly() {
    assertEquals(64, InferenceCost.round(64));
    assertEquals(1008, InferenceCost.round(1000));
    assertEquals(1024, InferenceCost.round(1024));
    for (long x = 1; x < 100_000; x += 7) {
      long r = InferenceCost.round(x);
      assertTrue(r >= x && r <= x * 1.0313 + 1, x + " -> " + r);
    }
  }

  @Test
  void aRequestIsItsPrefillChunksThenItsDecodes() {
    InferenceCost c = new InferenceCost(SPEC, LLAMA_8B, "h100-sxm", 1);
    double t = c.requestSeconds(1000, 3, 512);
    double expect = c.seconds(new Batch().prefill(512, 0)) + c.seconds(new Batch().prefill(
        488, 512)) + c.seconds(new Batch().decode(1000)) + c.seconds(new Batch().decode(1001));
    assertEquals(expect, t, 1e-15);
  }

  @Test
  void trainingIsAboutThreeForwardsOfGemmWorkPlusTheGradientAllReduce() {
    TrainingCost c = new TrainingCost(SPEC, LLAMA_8B, "h100-sxm", 1);
    List<Step> steps = c.steps(8, 2048, 1, 0, 0);
    double fwd = 0;
    double all = 0;
    for (Step s : steps) {
      if (s.query().op() == Op.GEMM) {
        all += s.seconds();
        fwd += s.name().contains("_grad_") ? 0 : s.seconds();
      }
    }
    assertEquals(3.0, all / fwd, 0.05, "compute-bound GEMMs: backward = 2x forward");
    Timing one = c.step(8, 2048, 1, 0, 0);
    Timing four = c.step(8, 2048, 4, 12.5e9, 1e-3);
    double grad = 1e-3 + 2.0 * 3 / 4 * 8.03e9 * 2 / 12.5e9;
    assertEquals(one.seconds() + grad, four.seconds(), 1e-9);
  }
}
