package dev.weft.cli;

import dev.weft.run.RunResult;
import dev.weft.run.World;
import dev.weft.scenario.ArrivalProcess;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.Workload;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoublePredicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft capacity}: the highest arrival rate at which a scenario still meets its
 * service-level objectives, found by bisection over runs. Every Poisson workload's rate is
 * scaled by one factor; the rate shown is their sum. Each run is a full run of the scenario
 * (its seed, duration and warm-up) at that rate; nothing is written.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
    description = {"Highest total arrival rate meeting every SLO, by bisection over runs: "
        + "from the scenario's rate, doubling or halving until the SLOs change verdict, then "
        + "--steps halvings of that bracket. Poisson workloads are scaled together.",
        "SLO metrics: ttft, tbt, tpot (mean, p50, p90, p99), wait, latency (mean, p50, p95, "
        + "p99); METRICS.md \"Capacity\"."})
final class CapacityCmd implements Callable<Integer> {
  /** Doublings or halvings tried before giving up on finding a bracket. */
  static final int MAX_EXPANSIONS = 20;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.yaml")
  Path file;

  @Option(names = "--slo", required = true, paramLabel = "M.S<V,...",
      description = "Objectives, e.g. 'ttft.p99<2s,tbt.p99<200ms'.")
  String slo;

  @Option(names = "--steps", defaultValue = "6", paramLabel = "N",
      description = "Bisection steps once bracketed (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Overrides, as for run.")
  List<String> overrides = List.of();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (steps < 0 || steps > 30) {
      err.println("--steps must be between 0 and 30");
      return Main.BAD_INPUT;
    }
    List<Slo> slos;
    ScenarioLoader.Loaded base;
    try {
      slos = Slo.parse(slo);
      base = ScenarioLoader.load(file, overrides);
    } catch (InputException e) {
      return Inputs.report(e, err);
    }
    Inputs.notePerRunOutputs(base.scenario().outputs(), "capacity", err);
    Scenario s = base.scenario();
    List<Integer> scaled = new ArrayList<>();
    double total = 0;
    for (int w = 0; w < s.workload().size(); w++) {
      Workload wl = s.workload().get(w);
      if (wl.arrivals().process() == ArrivalProcess.POISSON) {
        scaled.add(w);
        total += wl.arrivals().rate();
      }
    }
    if (scaled.isEmpty()) {
      return Inputs.report(new InputException(new Location(file.toString(), 1, 1),
          "capacity scales Poisson arrival rates, and no workload has poisson arrivals"), err);
    }
    double baseRate = total;
    DoublePredicate meets = rate -> {
      List<String> sets = new ArrayList<>(overrides);
      for (int w : scaled) {
        double r = s.workload().get(w).arrivals().rate() * rate / baseRate;
        sets.add("workload[" + w + "].arrivals.rate=" + String.format(Locale.ROOT, "%.9g/s",
            r));
      }
      try {
        ScenarioLoader.Loaded l = ScenarioLoader.load(file, sets);
        RunResult res = new World(l.scenario(), l.resources()).run();
        boolean ok = true;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "rate %.6g/s:", rate));
        for (Slo o : slos) {
          double v = o.value(res);
          boolean met = o.met(res);
          ok &= met;
          line.append(String.format(Locale.ROOT, " %s.%s=%.4g s (%s)", o.metric(), o.stat(), v,
              met ? "met" : "missed"));
        }
        out.println(line);
        out.flush();
        return ok;
      } catch (InputException e) {
        throw new IllegalStateException(e);
      }
    };
    double[] b = search(baseRate, steps, meets);
    if (b == null) {
      out.printf(Locale.ROOT, "no bracket within 2^%d of %.6g/s: the SLOs are met at every "
          + "rate tried, or at none%n", MAX_EXPANSIONS, baseRate);
      return Main.OK;
    }
    out.printf(Locale.ROOT, "capacity: %.6g/s (highest rate meeting %s; the next bisection "
        + "point %.6g/s does not)%n", b[0], slo, b[1]);
    return Main.OK;
  }

  /**
   * {lo, hi}: {@code lo} meets the objectives, {@code hi} does not, {@code hi - lo} is the
   * bracket found by doubling or halving from {@code start}, halved {@code steps} times; null
   * when no bracket appears within {@link #MAX_EXPANSIONS} doublings or halvings.
   */
  static double[] search(double start, int steps, DoublePredicate meets) {
    double lo;
    double hi;
    if (meets.test(start)) {
      lo = start;
      hi = start * 2;
      int i = 0;
      while (meets.test(hi)) {
        if (++i >= MAX_EXPANSIONS) {
          return null;
        }
        lo = hi;
        hi *= 2;
      }
    } else {
      hi = start;
      lo = start / 2;
      int i = 0;
      while (!meets.test(lo)) {
        if (++i >= MAX_EXPANSIONS) {
          return null;
        }
        hi = lo;
        lo /= 2;
      }
    }
    for (int i = 0; i < steps; i++) {
      double mid = (lo + hi) / 2;
      if (meets.test(mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return new double[] {lo, hi};
  }
}
