package dev.weft.report;

import dev.weft.economics.EconomicsSummary;
import dev.weft.run.ClassStats;
import dev.weft.run.JobStats;
import dev.weft.run.RunResult;
import dev.weft.run.TimeSeries;
import java.util.List;
import java.util.Map;

/**
 * The metrics CSV files. Numbers are written with {@link Double#toString}'s shortest exact form
 * (and whole numbers without a fraction), so files are byte-identical across machines.
 */
public final class Csv {
  private Csv() {}

  public static String timeSeries(TimeSeries s) {
    StringBuilder sb = new StringBuilder(String.join(",", s.columns())).append('\n');
    for (double[] row : s.rows()) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(num(row[i]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  public static String nodeClasses(List<ClassStats> classes) {
    StringBuilder sb = new StringBuilder(
        "class,hardware,count,onlineMean,utilization,busy,completed,latencyMean\n");
    for (ClassStats c : classes) {
      sb.append(field(c.name())).append(',').append(field(c.hardware())).append(',')
          .append(c.count()).append(',').append(num(c.onlineMean())).append(',')
          .append(num(c.utilization())).append(',').append(num(c.busy())).append(',')
          .append(c.completed()).append(',')
          .append(Double.isNaN(c.latencyMean()) ? "" : num(c.latencyMean())).append('\n');
    }
    return sb.toString();
  }

  public static String workloads(RunResult r) {
    StringBuilder sb = new StringBuilder("workload,submitted,completed,failed,expired,inFlight,"
        + "waitMean,waitP50,waitP95,waitP99,latencyMean,latencyP50,latencyP95,latencyP99,"
        + "throughput,deadlineMissRate\n");
    for (Map.Entry<String, JobStats> e : r.workloads().entrySet()) {
      JobStats j = e.getValue();
      sb.append(field(e.getKey())).append(',').append(j.submitted()).append(',')
          .append(j.completed()).append(',').append(j.failed()).append(',').append(j.expired())
          .append(',').append(j.inFlight());
      for (double d : new double[] {j.waitTime().mean(), j.waitTime().p50(), j.waitTime().p95(),
          j.waitTime().p99(), j.latency().mean(), j.latency().p50(), j.latency().p95(),
          j.latency().p99(), j.throughput(), j.deadlineMissRate()}) {
        sb.append(',').append(num(d));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  // ---- economics: the per-operator ledger

  /**
   * {@code metrics/operators.csv} of a run with an economy: one row per operator over the
   * measured window (METRICS.md, "Per-operator ledger"); times are seconds since the start,
   * empty where the event never happened.
   */
  public static String operators(RunResult r) {
    return operators(r.economics().operatorLedger());
  }

  static String operators(List<EconomicsSummary.OperatorLedger> rows) {
    StringBuilder sb = new StringBuilder("operator,class,behaviour,region,stakeStart,stakeEnd,"
        + "stakeMean,stakeMin,rewards,revenue,fiatPricedRevenue");
    for (String c : EconomicsSummary.slashCauses()) {
      sb.append(",slashed").append(Character.toUpperCase(c.charAt(0))).append(c.substring(1));
    }
    sb.append(",jailedSeconds,costs,capital,profit,roi,firstJunk,firstFraudSlash,firstJail,"
        + "junkAcceptedBeforeSlash\n");
    for (EconomicsSummary.OperatorLedger r : rows) {
      sb.append(r.id()).append(',').append(field(r.nodeClass())).append(',')
          .append(field(r.behaviour())).append(',')
          .append(r.region() == null ? "" : field(r.region()));
      for (double d : new double[] {r.stakeStart(), r.stakeEnd(), r.stakeMean(), r.stakeMin(),
          r.rewards(), r.revenue(), r.fiatPricedRevenue()}) {
        sb.append(',').append(Double.isNaN(d) ? "" : num(d));
      }
      for (double d : r.slashedByCause().values()) {
        sb.append(',').append(num(d));
      }
      for (double d : new double[] {r.jailedSeconds(), r.costs(), r.capital(), r.profit(),
          r.roi(), r.firstJunk(), r.firstFraudSlash(), r.firstJail()}) {
        sb.append(',').append(Double.isNaN(d) ? "" : num(d));
      }
      sb.append(',').append(r.junkAcceptedBeforeSlash()).append('\n');
    }
    return sb.toString();
  }

  static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /**
   * A text field as CSV: a text beginning with {@code = + - @} (or a tab or carriage return),
   * which a spreadsheet would run as a formula, gets a leading apostrophe (OWASP's advice on
   * CSV injection), unless it is a number such as {@code -1.5}; then it is quoted when it holds
   * a comma, quote or line break (RFC 4180).
   */
  public static String field(String text) {
    String s = neutralised(text);
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0
        && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
      "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(Infinity|NaN)");

  static String neutralised(String s) {
    if (s.isEmpty() || "=+-@\t\r".indexOf(s.charAt(0)) < 0 || NUMBER.matcher(s).matches()) {
      return s;
    }
    return "'" + s;
  }
}
