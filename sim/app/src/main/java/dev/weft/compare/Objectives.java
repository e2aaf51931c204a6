package dev.weft.compare;

import dev.weft.yaml.InputError;
import dev.weft.yaml.Location;
import dev.weft.yaml.Suggest;
import dev.weft.yaml.YNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code objectives} list of a proposal: each entry names a summary metric (checked
 * against the metrics the scenario reports, with did-you-mean), exactly one of {@code below},
 * {@code above}, {@code maxRegression}, {@code minImprovement}, and, where the metric's good
 * direction is not known ({@link #lowerIsBetter}), {@code better: lower|higher}.
 */
final class Objectives {
  private static final List<String> KEYS = List.of("metric", "below", "above", "maxRegression",
      "minImprovement", "better");

  /** Metric names (last segments or paths) where less is better for the network. */
  private static final Pattern LOWER = Pattern.compile(
      "(^|\\.)(latency|wait|timeToFirstToken|transferTime)(\\.|$)|(deadlineMissRate|failed"
          + "|expired|slashed|falseSlashRate|gini|giniStake|inflation|unpaidFees|junkAccepted"
          + "|falseRejections|missedDeadlines|jailed|jailings|leaves|rejected|junk)$"
          + "|^economics\\.roi(SinceStart)?\\.(lazy|flaky|sybil|colluding)$"
          + "|^economics\\.slashedByCause\\.");
  /** Metric names where more is better for the network. */
  private static final Pattern HIGHER = Pattern.compile(
      "(completed|throughput|utilization|onlineMean|busy|nakamoto|junkCaught|securityBudget"
          + "|active|participating)$|^economics\\.roi(SinceStart)?\\.honest$"
          + "|^economics\\.roiByClass\\.");

  private Objectives() {}

  /** Whether less of {@code metric} is better; null when the metric has no known direction. */
  static Boolean lowerIsBetter(String metric) {
    if (LOWER.matcher(metric).find()) {
      return true;
    }
    return HIGHER.matcher(metric).find() ? false : null;
  }

  static List<Objective> read(YNode n, Location fileAt, Collection<String> metrics,
      List<InputError> errors) {
    List<Objective> out = new ArrayList<>();
    if (!(n instanceof YNode.Seq seq) || seq.items().isEmpty()) {
      errors.add(new InputError(n == null ? fileAt : n.where(), "objectives: a list of"
          + " {metric: ..., below|above|maxRegression|minImprovement: ...} is required"));
      return out;
    }
    for (YNode item : seq.items()) {
      Objective o = one(item, metrics, errors);
      if (o != null) {
        out.add(o);
      }
    }
    return out;
  }

  private static Objective one(YNode item, Collection<String> metrics,
      List<InputError> errors) {
    if (!(item instanceof YNode.Mapping m)) {
      errors.add(new InputError(item.where(), "an objective is a map such as {metric:"
          + " jobs.latency.p99, maxRegression: 5%}"));
      return null;
    }
    int before = errors.size();
    for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        errors.add(new InputError(e.getValue().keyAt(), "unknown key '" + e.getKey() + "'"
            + Suggest.didYouMean(e.getKey(), KEYS) + "; an objective has "
            + String.join(", ", KEYS)));
      }
    }
    String metric = ProposalLoader.text(m, "metric", true, errors);
    if (metric != null && !metrics.contains(metric)) {
      errors.add(new InputError(m.get("metric").where(), "unknown metric '" + metric + "'"
          + Suggest.didYouMean(metric, metrics) + "; metrics are the dotted paths of the"
          + " baseline's summary.json (e.g. jobs.latency.p99, economics.roi.lazy)"));
    }
    Objective.Kind kind = null;
    YNode value = null;
    for (Objective.Kind k : Objective.Kind.values()) {
      YNode v = m.get(k.key());
      if (v != null) {
        if (kind != null) {
          errors.add(new InputError(v.where(), "an objective has one of below, above,"
              + " maxRegression, minImprovement; this one has " + kind.key() + " and "
              + k.key()));
        }
        kind = k;
        value = v;
      }
    }
    if (kind == null) {
      errors.add(new InputError(m.where(), "the objective needs one of below, above,"
          + " maxRegression, minImprovement"));
      return null;
    }
    String text = value instanceof YNode.Scalar s && !s.isNull() ? s.text().strip() : "";
    boolean relative = text.endsWith("%");
    double threshold = Double.NaN;
    try {
      threshold = Double.parseDouble(relative ? text.substring(0, text.length() - 1).strip()
          : text) / (relative ? 100 : 1);
    } catch (NumberFormatException e) {
      errors.add(new InputError(value.where(), kind.key() + ": a number or a percentage"
          + " (5%), found '" + text + "'"));
    }
    if (!Double.isFinite(threshold) && errors.size() == before) {
      errors.add(new InputError(value.where(), kind.key() + " must be finite"));
    }
    if (!kind.equals(Objective.Kind.BELOW) && !kind.equals(Objective.Kind.ABOVE)
        && threshold < 0) {
      errors.add(new InputError(value.where(), kind.key() + " is an amount of at least 0"));
    }
    Boolean lower = null;
    YNode better = m.get("better");
    if (better != null) {
      String b = better instanceof YNode.Scalar s && !s.isNull()
          ? s.text().strip().toLowerCase(Locale.ROOT) : "";
      if (b.equals("lower") || b.equals("higher")) {
        lower = b.equals("lower");
      } else {
        errors.add(new InputError(better.where(), "better: lower or higher, found '" + b
            + "'"));
      }
    } else if (metric != null) {
      lower = lowerIsBetter(metric);
    }
    if (lower == null && !kind.equals(Objective.Kind.BELOW)
        && !kind.equals(Objective.Kind.ABOVE) && metric != null) {
      errors.add(new InputError(m.where(), "say whether lower or higher " + metric
          + " is better (better: lower|higher): Weft does not know its direction"));
    }
    if (errors.size() > before) {
      return null;
    }
    // below/above need no direction; record the known one (or lower) for the report's wording
    boolean absolute = kind == Objective.Kind.BELOW || kind == Objective.Kind.ABOVE;
    return new Objective(metric, kind, threshold, relative && !absolute, lower == null || lower,
        text, m.where());
  }
}
