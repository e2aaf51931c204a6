package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.KernelTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Held-out accuracy. Targets: GEMM median absolute error at most 5%, p90 at most 15%, met
 * everywhere; the thresholds sit just above what the model reaches (VALIDATION.md), so a
 * regression fails here.
 */
class AccuracyTest {
  static Accuracy.Score find(List<Accuracy.Score> s, String hw, String set, String op,
      String label) {
    return s.stream().filter(x -> x.hardware().equals(hw) && x.heldOut().equals(set)
        && x.op().equals(op) && x.label().equals(label)).findFirst().orElseThrow();
  }

  static void within(Accuracy.Score s, double median, double p90) {
    String what = s.hardware() + " " + s.heldOut() + " " + s.label() + ": median "
        + s.median() + " p90 " + s.p90();
    assertTrue(s.median() <= median, what);
    assertTrue(s.p90() <= p90, what);
  }

  @Test
  void ownGridsLeaveOneRowOut() throws Exception {
    var hw = TestData.catalog();
    KernelTable own = KernelTables.load(List.of(TestData.models().resolve("kernels")), hw);
    for (String h : List.of("h100-sxm", "h200")) {
      List<Accuracy.Score> s = Accuracy.gridLeaveOneOut(hw, own, h);
      // Since dtype equivalence (issue #15), a held-out 16-bit GEMM at a series end whose
      // other 16-bit type measured the same shape is answered by that row (`measured`): 23
      // rows per GPU, 2.0 % / 5.6 % on the H100, 3.1 % / 9.7 % on the H200 (fp16 and bf16
      // timings of one shape differ by that much). The calibrated-roofline rows left are the
      // 22 without a twin, fp32 among them: 3.6 % / 27.9 % and 3.3 % / 30.8 %. The bounds
      // below for `all` (H200 median 2.1 %) and `calibrated-roofline` are the values reached
      // then, rounded up; before, 45 rows scored 4.2 % / 14.5 % and 2.2 % / 10.9 %.
      within(find(s, h, "row", "gemm", Accuracy.ALL), 0.022, 0.115);
      within(find(s, h, "row", "gemm", "interpolated"), 0.02, 0.105);
      within(find(s, h, "row", "gemm", "measured"), 0.035, 0.10);
      within(find(s, h, "row", "gemm", "calibrated-roofline"), 0.04, 0.31);
      within(find(s, h, "row", "attention-decode", Accuracy.ALL), 0.05, 0.20);
    }
  }

  @Test
  void vidurLeaveOneModelOut() throws Exception {
    List<Accuracy.Score> s = Accuracy.vidurLeaveOneModelOut(TestData.vidur(),
        TestData.catalog());
    within(find(s, "a100-80gb", "*", "gemm", Accuracy.ALL), 0.025, 0.095);
    within(find(s, "a40", "*", "gemm", Accuracy.ALL), 0.03, 0.13);
    within(find(s, "h100-sxm", "*", "gemm", Accuracy.ALL), 0.046, 0.15);
    // GEMMs of an (n, k) no other model measured: calibrated roofline with the shape-local
    // correction
    within(find(s, "a100-80gb", "*", "gemm", "calibrated-roofline"), 0.04, 0.12);
    within(find(s, "a40", "*", "gemm", "calibrated-roofline"), 0.045, 0.145);
    within(find(s, "h100-sxm", "*", "gemm", "calibrated-roofline"), 0.052, 0.16);
    within(find(s, "a100-80gb", "*", "gemm", "measured"), 0.02, 0.06);
    for (String h : List.of("a100-80gb", "a40", "h100-sxm")) {
      within(find(s, h, "*", "gemm", Accuracy.ROOFLINE_ONLY), 0.075, 0.21);
    }
  }
}
