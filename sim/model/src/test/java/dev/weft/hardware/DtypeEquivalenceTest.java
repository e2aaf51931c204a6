package dev.weft.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** fp16 rows answer bf16 queries (and the reverse) where the two run the same kernels. */
class DtypeEquivalenceTest {

  private static Hardware gpu(String id, double bf16, double fp16) {
    return new Hardware(id, id, "nvidia", Hardware.GPU, 80, 2000, Map.of("bf16", bf16,
        "fp16", fp16), 400, 50, "none", 0, 0, 0, 40, 108, 0, Map.of());
  }

  private static KernelRow row(String hw, Dtype d, long m, double s) {
    return new KernelRow(KernelQuery.gemm(hw, d, m, 4096, 4096), s, 5, "test", Label.MEASURED);
  }

  @Test
  void fp16RowsAnswerBf16OnEqualRatesOnly() {
    Map<String, Hardware> cat = Map.of("same", gpu("same", 312, 312), "diff",
        gpu("diff", 100, 312));
    KernelTable t = KernelTable.of(List.of(row("same", Dtype.FP16, 64, 1e-4),
        row("same", Dtype.FP16, 128, 2e-4), row("diff", Dtype.FP16, 64, 1e-4),
        row("diff", Dtype.FP16, 128, 2e-4)));
    KernelModel m = KernelModel.of(cat, t, List.of());
    Prediction exact = m.predict(KernelQuery.gemm("same", Dtype.BF16, 64, 4096, 4096));
    assertEquals(Label.MEASURED, exact.label());
    assertEquals(1e-4, exact.seconds(), 0);
    assertTrue(exact.source().startsWith("fp16 timing answering bf16"), exact.source());
    Prediction mid = m.predict(KernelQuery.gemm("same", Dtype.BF16, 96, 4096, 4096));
    assertEquals(Label.INTERPOLATED, mid.label());
    // bf16 at a third of the fp16 rate: different kernels, so no row answers
    Prediction other = m.predict(KernelQuery.gemm("diff", Dtype.BF16, 64, 4096, 4096));
    assertTrue(other.label() != Label.MEASURED && other.label() != Label.INTERPOLATED,
        other.toString());
  }
}
