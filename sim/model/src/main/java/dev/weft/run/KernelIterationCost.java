package dev.weft.run;

import dev.weft.ai.InferenceCost;
import dev.weft.hardware.Label;
import dev.weft.serving.Batch;
import dev.weft.serving.IterationCost;

/**
 * Iteration times from the kernel-time model: the engine's batch summary becomes a batch of
 * equal prefill chunks and decodes at the mean context, priced kernel by kernel; compute time is
 * booked per provenance label (measured, interpolated, calibrated or spec roofline).
 */
final class KernelIterationCost implements IterationCost {
  private final InferenceCost cost;
  private final double[] labelSeconds; // shared per node class, indexed by Label.ordinal()
  private final dev.weft.ai.Batch scratch = new dev.weft.ai.Batch();
  private final double[] byLabel = new double[Label.values().length];

  KernelIterationCost(InferenceCost cost, double[] labelSeconds) {
    this.cost = cost;
    this.labelSeconds = labelSeconds;
  }

  private dev.weft.ai.Batch describe(Batch b) {
    scratch.clear();
    if (b.prefillSeqs() > 0) {
      int per = Math.max(1, b.prefillTokens() / b.prefillSeqs());
      int left = b.prefillTokens();
      int cached = (int) Math.round(b.prefillContext() / b.prefillSeqs());
      for (int i = 0; i < b.prefillSeqs(); i++) {
        int chunk = i == b.prefillSeqs() - 1 ? Math.max(1, left) : per;
        scratch.prefill(chunk, cached);
        left -= chunk;
      }
    }
    if (b.decodeSeqs() > 0) {
      int context = Math.max(1, (int) Math.round(b.decodeContext() / b.decodeSeqs()));
      for (int i = 0; i < b.decodeSeqs(); i++) {
        scratch.decode(context);
      }
    }
    return scratch;
  }

  @Override
  public double seconds(Batch b) {
    return cost.seconds(describe(b));
  }

  @Override
  public void account(Batch b, int iterations) {
    java.util.Arrays.fill(byLabel, 0);
    cost.seconds(describe(b), byLabel);
    for (int i = 0; i < byLabel.length; i++) {
      labelSeconds[i] += byLabel[i] * iterations;
    }
  }
}
