package dev.weft.compare;

import dev.weft.yaml.Location;

/**
 * One objective of a proposal: a summary metric and what the proposal must achieve on it.
 * {@code below}/{@code above} bound the proposal's own mean; {@code maxRegression} and {@code
 * minImprovement} bound its paired difference from the baseline, in the metric's unit or, when
 * {@code relative}, as a fraction of the baseline's mean. {@code lowerIsBetter} says which way
 * is a regression.
 */
public record Objective(String metric, Kind kind, double threshold, boolean relative,
    boolean lowerIsBetter, String text, Location where) {

  /** The four kinds of objective of CONTRACT section 3. */
  public enum Kind {
    BELOW("below"), ABOVE("above"), MAX_REGRESSION("maxRegression"),
    MIN_IMPROVEMENT("minImprovement");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** Whether the objective bounds the proposal's value rather than its change. */
  public boolean absolute() {
    return kind == Kind.BELOW || kind == Kind.ABOVE;
  }

  /**
   * The bound on the tested quantity (the proposal's values for below/above, the paired
   * differences otherwise), given the baseline's mean for relative thresholds.
   */
  public double bound(double baselineMean) {
    double t = relative ? threshold * Math.abs(baselineMean) : threshold;
    return switch (kind) {
      case BELOW, ABOVE -> t;
      case MAX_REGRESSION -> lowerIsBetter ? t : -t;
      case MIN_IMPROVEMENT -> lowerIsBetter ? -t : t;
    };
  }

  /** Whether the objective is met when the tested quantity lies below {@link #bound}. */
  public boolean metBelow() {
    return switch (kind) {
      case BELOW -> true;
      case ABOVE -> false;
      case MAX_REGRESSION, MIN_IMPROVEMENT -> lowerIsBetter;
    };
  }

  /** The objective as a reader would say it: "jobs.latency.p99 at most 5% worse". */
  public String describe() {
    String amount = relative ? trim(threshold * 100) + "%" : trim(threshold);
    return switch (kind) {
      case BELOW -> metric + " below " + amount;
      case ABOVE -> metric + " above " + amount;
      case MAX_REGRESSION -> metric + " at most " + amount + " worse ("
          + (lowerIsBetter ? "higher" : "lower") + " is worse)";
      case MIN_IMPROVEMENT -> metric + " at least " + amount + " better ("
          + (lowerIsBetter ? "lower" : "higher") + " is better)";
    };
  }

  static String trim(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : Double.toString(v);
  }
}
