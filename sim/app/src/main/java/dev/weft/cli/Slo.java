package dev.weft.cli;

import dev.weft.run.JobStats;
import dev.weft.run.Percentiles;
import dev.weft.run.RunResult;
import dev.weft.run.TokenLatency;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service-level objective of {@code weft capacity}: {@code METRIC.STAT<VALUE} with a
 * duration unit, e.g. {@code ttft.p99<2s}. Metrics: {@code ttft}, {@code tbt}, {@code tpot}
 * (serving latencies; stats mean, p50, p90, p99), {@code wait} and {@code latency} (all jobs;
 * stats mean, p50, p95, p99).
 */
record Slo(String metric, String stat, double limitSeconds, String text) {
  private static final Pattern FORM = Pattern.compile(
      "\\s*([a-z]+)\\.([a-z0-9]+)\\s*<\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(us|ms|s|m)"
      + "\\s*");
  private static final List<String> SERVING = List.of("ttft", "tbt", "tpot");
  private static final List<String> JOBS = List.of("wait", "latency");

  /** Parses a comma-separated list; every error at its column of {@code --slo}. */
  static List<Slo> parse(String spec) throws InputException {
    List<Slo> out = new ArrayList<>();
    List<InputError> errors = new ArrayList<>();
    int col = 1;
    for (String part : spec.split(",", -1)) {
      Matcher m = FORM.matcher(part);
      Location at = new Location("--slo", 1, col);
      if (!m.matches()) {
        errors.add(new InputError(at, "'" + part.strip() + "' must look like METRIC.STAT<VALUE"
            + " with a unit (us, ms, s, m), e.g. ttft.p99<2s"));
      } else {
        String metric = m.group(1);
        String stat = m.group(2);
        List<String> stats = SERVING.contains(metric) ? List.of("mean", "p50", "p90", "p99")
            : List.of("mean", "p50", "p95", "p99");
        if (!SERVING.contains(metric) && !JOBS.contains(metric)) {
          errors.add(new InputError(at, "unknown metric '" + metric + "'; known: ttft, tbt, "
              + "tpot, wait, latency"));
        } else if (!stats.contains(stat)) {
          errors.add(new InputError(at, metric + " has no statistic '" + stat + "'; known: "
              + String.join(", ", stats)));
        } else {
          double scale = switch (m.group(4)) {
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "m" -> 60;
            default -> 1;
          };
          out.add(new Slo(metric, stat, Double.parseDouble(m.group(3)) * scale, part.strip()));
        }
      }
      col += part.length() + 1;
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return out;
  }

  /** The run's value of this metric, seconds; NaN when the run has none (no requests). */
  double value(RunResult r) {
    if (JOBS.contains(metric)) {
      JobStats j = r.jobs();
      Percentiles p = metric.equals("wait") ? j.waitTime() : j.latency();
      return switch (stat) {
        case "mean" -> p.mean();
        case "p50" -> p.p50();
        case "p95" -> p.p95();
        default -> p.p99();
      };
    }
    if (r.serving() == null) {
      return Double.NaN;
    }
    TokenLatency t = switch (metric) {
      case "ttft" -> r.serving().ttft();
      case "tbt" -> r.serving().tbt();
      default -> r.serving().tpot();
    };
    return switch (stat) {
      case "mean" -> t.mean();
      case "p50" -> t.p50();
      case "p90" -> t.p90();
      default -> t.p99();
    };
  }

  /** Met when the value is below the limit (a run without the metric meets nothing). */
  boolean met(RunResult r) {
    return value(r) < limitSeconds;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s.%s<%gs", metric, stat, limitSeconds);
  }
}
