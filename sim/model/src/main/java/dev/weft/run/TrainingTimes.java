package dev.weft.run;

import dev.weft.ai.AiModel;
import dev.weft.ai.Timing;
import dev.weft.ai.TrainingCost;
import dev.weft.hardware.Label;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.TrainingWorkload;

/**
 * Training step times per node class and workload from the kernel model, computed on first use
 * and kept, and the booking of their compute seconds by kernel-timing label.
 */
final class TrainingTimes {
  private final RunContext ctx;
  private final RunMetrics metrics;
  private final Timing[][] timing; // [class][workload], null until first asked

  TrainingTimes(RunContext ctx, RunMetrics metrics) {
    this.ctx = ctx;
    this.metrics = metrics;
    this.timing = new Timing[ctx.scenario.nodes().size()][ctx.scenario.workload().size()];
  }

  /** One training step of workload {@code w} on a node of class {@code c}, on its own. */
  Timing step(int c, int w) {
    if (timing[c][w] == null) {
      NodeClass nc = ctx.scenario.nodes().get(c);
      TrainingWorkload wl = training(w);
      TrainingCost tc = new TrainingCost(ctx.resources.kernels(),
          ctx.resources.aiModels().get(wl.model()), nc.hardware(), nc.gpus());
      timing[c][w] = tc.step(wl.batchSequences(), wl.sequenceLength(), 1, 0, 0);
    }
    return timing[c][w];
  }

  /** Books {@code seconds} of class {@code c}'s compute on workload {@code w} by label. */
  void book(int c, int w, double seconds) {
    Timing t = step(c, w);
    double[] labels = metrics.labelSeconds(c);
    for (Label l : Label.values()) {
      labels[l.ordinal()] += seconds * t.share(l);
    }
  }

  /** Workload {@code w}, which must be a training workload. */
  TrainingWorkload training(int w) {
    if (ctx.workload(w) instanceof TrainingWorkload t) {
      return t;
    }
    throw new IllegalArgumentException("workload " + ctx.workload(w).name()
        + " is not a training workload");
  }

  /** Bytes each node sends in a ring all-reduce of the gradients: 2(n-1)/n of them. */
  double ringBytes(int n, int w) {
    AiModel m = ctx.resources.aiModels().get(training(w).model());
    return 2.0 * (n - 1) / n * m.weightBytes();
  }
}
