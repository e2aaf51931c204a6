package dev.weft.report;

import dev.weft.run.RunResult;
import dev.weft.run.TimeSeries;
import dev.weft.scenario.FaultEvent;
import dev.weft.scenario.FaultKind;
import dev.weft.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's table of injected faults and what each did, read from the time series: for an
 * outage, the mean of the samples of online nodes and jobs waiting taken while it lasted (sample
 * times in [at, at + duration)) and of throughput (samples in (at, at + duration], each counting
 * the interval before it), against the same length of time before it; for a mass slashing, the tokens staked at the last sample before it and at
 * the first one at or after it, and the tokens slashed from then to the end. Definitions
 * in METRICS.md, "Injected faults".
 */
final class FaultEffects {
  private FaultEffects() {}

  static Report.Table table(Scenario s, RunResult r) {
    List<List<String>> rows = new ArrayList<>();
    List<FaultEvent> faults = s.faults();
    for (int i = 0; i < faults.size(); i++) {
      FaultEvent f = faults.get(i);
      String what = switch (f.kind()) {
        case REGION -> "regions " + String.join(", ", f.regions()) + " offline for "
            + Report.duration(f.duration());
        case CLASS -> "class " + f.nodeClass() + " offline for " + Report.duration(f.duration());
        case SLASH -> String.format(Locale.ROOT, "%.0f%% of the operators%s slashed as for"
            + " fraud", 100 * f.share(), f.nodeClass() == null ? "" : " of " + f.nodeClass());
      };
      rows.add(List.of(f.label(i), "at " + Report.duration(f.at()), what, f.kind()
          == FaultKind.SLASH ? staked(r, f.at()) : outage(r.series(), f)));
    }
    return new Report.Table("Injected faults", List.of("fault", "when", "what",
        "effect (before → during or after)"), rows);
  }

  private static String outage(TimeSeries ts, FaultEvent f) {
    double[] t = ts.column("time");
    double a = f.at();
    double b = Math.min(f.at() + f.duration(), t.length == 0 ? a : t[t.length - 1]);
    double[] online = ts.column("onlineNodes");
    double[] thr = ts.column("throughput");
    double l = b - a;
    double onDuring = state(t, online, a, b);
    if (Double.isNaN(onDuring)) {
      return "no metrics sample while it lasted (metricsInterval is longer)";
    }
    double[] queued = ts.column("queued");
    return String.format(Locale.ROOT, "online nodes %s → %s; jobs waiting %s → %s;"
        + " throughput %s → %s jobs/s", Report.f(state(t, online, a - l, a)),
        Report.f(onDuring), Report.f(state(t, queued, a - l, a)),
        Report.f(state(t, queued, a, b)), Report.f(mean(t, thr, a - l, a)),
        Report.f(mean(t, thr, a, b)));
  }

  private static String staked(RunResult r, double at) {
    TimeSeries e = r.economySeries();
    if (e == null || e.rows().isEmpty()) {
      return "no economics series";
    }
    double[] t = e.column("time");
    double[] staked = e.column("staked");
    double[] slashed = e.column("slashed");
    double before = Double.NaN;
    double after = Double.NaN;
    double slashedBefore = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] < at) {
        before = staked[i];
        slashedBefore = slashed[i];
      } else if (Double.isNaN(after)) {
        after = staked[i];
      }
    }
    return "staked " + Report.f(before) + " → " + Report.f(after) + " tokens; slashed by the"
        + " end of the run " + Report.f(slashed[t.length - 1] - slashedBefore) + " tokens";
  }

  /**
   * Mean of a state sampled at instants ({@code onlineNodes}, {@code queued}) over the samples
   * with time in [from, to): a sample at the fault's start already sees it.
   */
  static double state(double[] time, double[] v, double from, double to) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < time.length; i++) {
      if (time[i] >= from && time[i] < to) {
        sum += v[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Mean of a per-interval column ({@code throughput}, over the interval ending at the sample)
   * over the samples with time in (from, to]; NaN when there is none.
   */
  static double mean(double[] time, double[] v, double from, double to) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < time.length; i++) {
      if (time[i] > from && time[i] <= to) {
        sum += v[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
