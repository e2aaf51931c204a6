package dev.weft.scenario.load;

import dev.weft.random.Distribution;
import dev.weft.scenario.ArrivalProcess;
import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.Workload;
import dev.weft.scenario.yaml.Binder;
import dev.weft.yaml.InputError;
import dev.weft.yaml.YNode;
import java.util.List;
import java.util.Locale;

/**
 * Refuses event sources the simulation could never get through: a rate so high that the clock
 * cannot advance between two events (1e308/s: the gap rounds to zero, the run loops at one
 * instant) or that schedules more events than any run can process (1e20/s: memory runs out
 * first), and an up/down cycle of zero length. The bound is on the expected count over the run:
 * {@value #MAX_EVENTS} events of one source, about a day of wall time at a million events a
 * second. It implies a mean gap of at least duration / 1e11, far above the clock's resolution
 * (duration x 2^-52).
 */
final class EventRates {
  /** Largest expected number of events one source may schedule over a run. */
  static final double MAX_EVENTS = 1e11;

  private EventRates() {}

  static void check(Scenario s, YNode tree, Binder b, List<InputError> errors) {
    double d = s.duration();
    for (Workload w : s.workload()) {
      Arrivals a = w.arrivals();
      if (a == null) {
        continue;
      }
      if (a.process() == ArrivalProcess.POISSON && a.rate() != null) {
        bound(a.rate() * d, "arrival rate " + num(a.rate()) + "/s",
            ScenarioChecks.at(b, a, tree, "rate"), errors);
      } else if (a.process() == ArrivalProcess.RENEWAL && a.interarrival() != null) {
        double mean = mean(a.interarrival());
        if (!(mean > 0) && !Double.isNaN(mean)) {
          errors.add(new InputError(ScenarioChecks.at(b, a, tree, "interarrival"),
              "interarrival has mean 0: every arrival would come at the same instant"));
        } else if (mean > 0) {
          bound(d / mean, "interarrival of mean " + num(mean) + " s",
              ScenarioChecks.at(b, a, tree, "interarrival"), errors);
        }
      }
    }
    for (NodeClass nc : s.nodes()) {
      if (nc.availability() == null || nc.count() == 0) {
        continue;
      }
      double cycle = mean(nc.availability().uptime()) + mean(nc.availability().downtime());
      var where = ScenarioChecks.at(b, nc.availability(), tree, "uptime");
      if (cycle == 0) {
        errors.add(new InputError(where, "uptime and downtime are both 0 on average: a node"
            + " would go offline and back without time passing; the cycle must last longer"
            + " than 0 s"));
      } else if (cycle > 0) {
        bound(2.0 * nc.count() * d / cycle, "an up/down cycle of " + num(cycle) + " s on "
            + nc.count() + " nodes", where, errors);
      }
    }
  }

  private static void bound(double expected, String what, dev.weft.yaml.Location where,
      List<InputError> errors) {
    if (!(expected <= MAX_EVENTS)) {
      errors.add(new InputError(where, what + " makes " + num(expected) + " events over the"
          + " run; the limit is " + num(MAX_EVENTS) + " (about a day of wall time at a million"
          + " events a second): lower the rate or shorten the duration"));
    }
  }

  /** The mean of a distribution; NaN when it has none or the spec is invalid. */
  private static double mean(DistSpec spec) {
    if (spec == null) {
      return Double.NaN;
    }
    try {
      Distribution dist = spec.toDistribution();
      return dist.mean();
    } catch (IllegalArgumentException e) {
      return Double.NaN; // reported where the spec is bound
    }
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
