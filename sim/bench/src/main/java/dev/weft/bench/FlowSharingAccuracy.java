package dev.weft.bench;

import dev.weft.network.Sharing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How far local sharing moves a closed-loop workload from exact max-min: {@code java -cp ...
 * dev.weft.bench.FlowSharingAccuracy [warmup [measured [intervals [topology...]]]]}, intervals a
 * comma-separated list of re-anchor intervals in simulated seconds (default 0.1,1,10).
 *
 * <p>Each mode runs the same {@link FlowWorkload} (same seed, so the same sequence of transfers)
 * for {@code warmup} completions, then records {@code measured} completions: mean and 99th
 * percentile completion time (start to last byte) and aggregate throughput (recorded bytes over
 * the simulated time they took). Differences are local relative to exact. The two runs start
 * the same transfers at different times, so this compares distributions, not flow by flow.
 */
public final class FlowSharingAccuracy {
  private FlowSharingAccuracy() {}

  /** What one run measured. */
  record Outcome(double meanFct, double p99Fct, double throughputBps, double usPerEvent,
      long reanchors) {}

  static Outcome measure(FlowWorkload.Topology t, Sharing sharing, long warmup, long measured) {
    FlowWorkload w = new FlowWorkload(t, 10_000, 42, sharing);
    w.advance(warmup);
    w.startRecording();
    double t0 = w.now();
    long anchors0 = w.reanchors();
    long wall0 = System.nanoTime();
    w.advance(measured);
    double us = (System.nanoTime() - wall0) / 1e3 / (2.0 * measured);
    double[] fct = w.completionTimes();
    Arrays.sort(fct);
    double mean = Arrays.stream(fct).average().orElse(Double.NaN);
    double p99 = fct[(int) Math.min(fct.length - 1, Math.ceil(0.99 * fct.length) - 1)];
    double throughput = w.recordedBytes() * 8 / (w.now() - t0);
    return new Outcome(mean, p99, throughput, us, w.reanchors() - anchors0);
  }

  public static void main(String[] args) {
    long warmup = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
    long measured = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
    double[] intervals = args.length > 2
        ? Arrays.stream(args[2].split(",")).mapToDouble(Double::parseDouble).toArray()
        : new double[] {0.1, 1, 10};
    List<FlowWorkload.Topology> which = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      which.add(FlowWorkload.Topology.valueOf(args[i]));
    }
    if (which.isEmpty()) {
      which.addAll(List.of(FlowWorkload.Topology.values()));
    }
    System.out.printf(Locale.ROOT, "%-10s %-12s %10s %10s %12s %9s %9s %9s %9s %8s%n",
        "topology", "sharing", "meanFCT_s", "p99FCT_s", "Gbps", "dMean%", "dP99%", "dTput%",
        "us/event", "anchors");
    for (FlowWorkload.Topology t : which) {
      Outcome exact = measure(t, Sharing.EXACT_MAX_MIN, warmup, measured);
      print(t, "exact", exact, exact);
      for (double iv : intervals) {
        Outcome local = measure(t, Sharing.local(iv), warmup, measured);
        print(t, "local/" + iv + "s", local, exact);
      }
    }
  }

  static void print(FlowWorkload.Topology t, String label, Outcome o, Outcome exact) {
    System.out.printf(Locale.ROOT, "%-10s %-12s %10.4f %10.4f %12.3f %+9.2f %+9.2f %+9.2f %9.2f"
        + " %8d%n", t, label, o.meanFct(), o.p99Fct(), o.throughputBps() / 1e9,
        pct(o.meanFct(), exact.meanFct()), pct(o.p99Fct(), exact.p99Fct()),
        pct(o.throughputBps(), exact.throughputBps()), o.usPerEvent(), o.reanchors());
  }

  static double pct(double x, double ref) {
    return 100 * (x - ref) / ref;
  }
}
