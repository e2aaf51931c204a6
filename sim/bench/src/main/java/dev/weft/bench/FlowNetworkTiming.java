package dev.weft.bench;

import dev.weft.network.Sharing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flow benchmark without JMH, for a quick figure: {@code java -cp ...
 * dev.weft.bench.FlowNetworkTiming [completions [exact|local] [topology...]]}. Warms up, then
 * prints the mean wall time per flow start or finish for each topology. Local sharing
 * re-anchors every {@link FlowNetworkBenchmark#REANCHOR_INTERVAL} simulated seconds.
 */
public final class FlowNetworkTiming {
  private FlowNetworkTiming() {}

  public static void main(String[] args) {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
    Sharing sharing = Sharing.EXACT_MAX_MIN;
    List<FlowWorkload.Topology> which = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("exact") || args[i].equals("local")) {
        sharing = Sharing.of(args[i], FlowNetworkBenchmark.REANCHOR_INTERVAL);
      } else {
        which.add(FlowWorkload.Topology.valueOf(args[i]));
      }
    }
    if (which.isEmpty()) {
      which.addAll(List.of(FlowWorkload.Topology.values()));
    }
    for (FlowWorkload.Topology t : which) {
      FlowWorkload w = new FlowWorkload(t, 10_000, 42, sharing);
      w.advance(n / 4); // warm-up: JIT and steady-state mix of flow sizes
      double best = Double.POSITIVE_INFINITY;
      for (int rep = 0; rep < 3; rep++) {
        long t0 = System.nanoTime();
        w.advance(n);
        double us = (System.nanoTime() - t0) / 1e3 / (2.0 * n);
        best = Math.min(best, us);
        System.out.printf(Locale.ROOT, "%-10s %s links=%d flows=%d rep=%d  %.2f us per start or"
            + " finish%n", t, sharing.mode(), w.links(), w.liveFlows(), rep, us);
      }
      System.out.printf(Locale.ROOT, "%-10s %s best %.2f us%n", t, sharing.mode(), best);
    }
  }
}
