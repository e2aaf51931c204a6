package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Label;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Leave-one-GPU-out error of transferred attention (VALIDATION.md section 8): each GPU's
 * measured attention predicted from the other GPUs' only. The bounds are the values reached on
 * 2026-12-05 rounded up to the next half percent (they are not a target: a change that moves
 * them must say why in VALIDATION.md); the spec roofline it replaces is scored alongside and
 * must stay worse.
 */
class AttentionTransferTest {

  @Test
  void leaveOneGpuOutErrorsPerGpuAndPhase() throws Exception {
    Kernels k = Kernels.load(TestData.models());
    KernelTable imported = KernelTable.of(LlmServingSimImporter.read(TestData.llmServingSim(),
        k.aiModels()).all());
    List<Accuracy.Score> scores = TransferAccuracy.leaveOneGpuOut(k.hardware(),
        k.table().plus(imported), k.fileCalibrations());
    // hardware, op, reached median bound, reached p90 bound (fractions)
    Object[][] reached = {
        {"h100-sxm", "attention-prefill", 0.150, 0.220},
        {"h100-sxm", "attention-decode", 0.095, 0.130},
        {"h200", "attention-prefill", 0.090, 0.130},
        {"h200", "attention-decode", 0.095, 0.135},
        {"rtx-4090", "attention-prefill", 1.060, 1.605},
        {"rtx-4090", "attention-decode", 0.370, 0.705},
        {"rtx-4090", "attention-mixed", 0.340, 1.180},
        {"rtx-pro-6000", "attention-prefill", 0.580, 0.845},
        {"rtx-pro-6000", "attention-decode", 0.505, 0.565},
        {"rtx-pro-6000", "attention-mixed", 0.705, 0.855}};
    for (Object[] r : reached) {
      Accuracy.Score t = find(scores, (String) r[0], (String) r[1], Label.TRANSFERRED.id());
      String what = r[0] + " " + r[1];
      assertTrue(t.n() > 0, what);
      assertTrue(t.median() <= (double) r[2], String.format(Locale.ROOT,
          "%s median %.4f above the reached %.3f", what, t.median(), (double) r[2]));
      assertTrue(t.p90() <= (double) r[3], String.format(Locale.ROOT,
          "%s p90 %.4f above the reached %.3f", what, t.p90(), (double) r[3]));
    }
    // Where a GPU of like datasheet figures measured attention (the Hopper pair), transfer
    // must beat the datasheet roofline it replaces on every phase.
    for (String hw : List.of("h100-sxm", "h200")) {
      for (String op : List.of("attention-prefill", "attention-decode")) {
        assertTrue(find(scores, hw, op, Label.TRANSFERRED.id()).median()
            < find(scores, hw, op, Label.SPEC_ROOFLINE.id()).median(), hw + " " + op);
      }
    }
  }

  private static Accuracy.Score find(List<Accuracy.Score> scores, String hw, String op,
      String label) {
    return scores.stream().filter(s -> s.hardware().equals(hw) && s.op().equals(op)
        && s.label().equals(label)).findFirst().orElseThrow(() -> new AssertionError(
            "no score for " + hw + " " + op + " " + label));
  }
}
