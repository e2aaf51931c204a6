package dev.weft.compare;

import dev.weft.experiment.Replications;
import dev.weft.experiment.Weft;
import dev.weft.report.Csv;
import dev.weft.report.Html;
import dev.weft.report.Summary;
import dev.weft.scenario.yaml.RecordWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The files of a comparison: comparison.json (every figure), comparison.csv (one row per
 * replication and side), and report.md / report.html for a governance forum, opening with
 * the verdict table, then per proposal what changed, what was measured and how sure it is.
 */
public final class ComparisonReport {
  static final String NO_SERIES = "No sampled series differs between the two sides: the"
      + " change left every time series of the run and of the economy as it was.";
  static final String RESOLVED = "Values as resolved by Weft: defaults filled in, times in"
      + " seconds, sizes in bytes, rates per second.";
  private final Comparison.Outcome out;
  private final String baselineFile;

  public ComparisonReport(Comparison.Outcome outcome, String baselineFile) {
    this.out = outcome;
    this.baselineFile = baselineFile;
  }

  // ---- comparison.json

  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("weftVersion", Weft.version());
    root.put("baseline", ordered("file", baselineFile, "scenario",
        out.baseline().name()));
    root.put("replications", out.seeds().size());
    root.put("seeds", out.seeds());
    root.put("commonRandomNumbers", !out.independentSeeds());
    root.put("alpha", Judge.ALPHA);
    List<Object> props = new ArrayList<>();
    for (Comparison.Ranked r : out.proposals()) {
      Proposal p = r.proposal();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", p.id());
      m.put("proposal", p.title());
      m.put("file", p.file().toString().replace('\\', '/'));
      m.put("rationale", p.rationale());
      m.put("rank", r.rank());
      List<Object> changes = new ArrayList<>();
      for (Proposal.Change c : p.changes()) {
        changes.add(ordered("path", c.path(), "before", c.before(), "after", c.after()));
      }
      m.put("changes", changes);
      m.put("activation", p.activation() == null ? null
          : ordered("at", p.activation().at(), "ramp", p.activation().ramp()));
      List<Object> objs = new ArrayList<>();
      for (Judge.ObjectiveResult o : r.objectives()) {
        objs.add(objective(o));
      }
      m.put("objectives", objs);
      Map<String, Object> metrics = new LinkedHashMap<>();
      for (String metric : out.baselineSide().runs().get(0).keySet()) {
        Judge.MetricResult mr = Judge.metric(metric, out.baselineSide().runs(),
            r.side().runs());
        if (mr.difference().n() > 0) {
          metrics.put(metric, ordered("baselineMean", num(mr.baseline().mean()),
              "proposalMean", num(mr.proposal().mean()), "difference", interval(
                  mr.difference()), "pTTest", num(mr.pT()), "pWilcoxon", num(mr.pWilcoxon())));
        }
      }
      m.put("metrics", metrics);
      m.put("resolved", portable(RecordWriter.toYaml(p.changed(), "")));
      props.add(m);
    }
    root.put("proposals", props);
    root.put("baselineResolved", portable(RecordWriter.toYaml(out.baseline(), "")));
    return Summary.json(root);
  }

  /**
   * Files a scenario names (region tables, traces) are resolved to absolute paths; written
   * relative to the working folder instead, so a committed comparison names no machine.
   */
  static String portable(String yaml) {
    String here = java.nio.file.Path.of("").toAbsolutePath().toString();
    return yaml.replace(here + java.io.File.separator, "");
  }

  private static Map<String, Object> objective(Judge.ObjectiveResult o) {
    Objective ob = o.objective();
    return ordered("metric", ob.metric(), "kind", ob.kind().key(), "threshold", ob.text(),
        "lowerIsBetter", ob.lowerIsBetter(), "bound", num(o.bound()),
        "baselineMean", num(o.baseline().mean()), "proposalMean", num(o.proposal().mean()),
        "difference", interval(o.difference()),
        "tested", ob.absolute() ? "proposal" : "difference",
        "testedInterval", interval(o.tested()),
        "pValue", ordered("tTest", num(o.pT()), "tTestHolm", num(o.pTHolm()),
            "wilcoxon", num(o.pWilcoxon()), "wilcoxonHolm", num(o.pWilcoxonHolm()),
            "differenceTTest", num(o.pDifference())),
        "verdict", o.verdict().label(),
        "replicationsToDecide", o.verdict() == Verdict.INCONCLUSIVE
            ? (Object) o.replicationsToDecide() : null);
  }

  private static Map<String, Object> interval(PairedStats.Interval i) {
    return ordered("mean", num(i.mean()), "ci95", List.of(num(i.lo()), num(i.hi())),
        "sd", num(i.sd()), "n", i.n());
  }

  private static Object num(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---- comparison.csv

  /** Columns: side, replication, seed, then the objectives' metrics and the headline ones. */
  public String csv() {
    Set<String> cols = new LinkedHashSet<>();
    for (Comparison.Ranked r : out.proposals()) {
      r.proposal().objectives().forEach(o -> cols.add(o.metric()));
    }
    cols.addAll(Replications.HEADLINE);
    cols.retainAll(out.baselineSide().runs().get(0).keySet());
    StringBuilder sb = new StringBuilder("side,replication,seed");
    for (String c : cols) {
      sb.append(',').append(Csv.field(c));
    }
    sb.append('\n');
    List<Comparison.Side> sides = new ArrayList<>();
    sides.add(out.baselineSide());
    out.proposals().forEach(r -> sides.add(r.side()));
    for (Comparison.Side s : sides) {
      for (int i = 0; i < s.runs().size(); i++) {
        sb.append(Csv.field(s.label())).append(',').append(i).append(',')
            .append(out.seeds().get(i));
        for (String c : cols) {
          double v = s.runs().get(i).getOrDefault(c, Double.NaN);
          sb.append(',').append(Double.isFinite(v) ? Double.toString(v) : "");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  // ---- report.md and report.html

  /** Charts by file stem (charts/NAME.svg). */
  public Map<String, String> charts() {
    Map<String, String> c = new LinkedHashMap<>();
    for (Comparison.Ranked r : out.proposals()) {
      int i = 0;
      for (Judge.ObjectiveResult o : r.objectives()) {
        c.put(r.proposal().id() + "-objective-" + (i++), ComparisonCharts.objective(o,
            r.proposal().id()));
      }
      ComparisonCharts.series(out.baselineSide().series(), r.side().series(),
          r.proposal().id(), r.proposal().activation())
          .forEach((col, svg) -> c.put(r.proposal().id() + "-series-" + col, svg));
    }
    return c;
  }

  public String markdown(Map<String, String> charts) {
    StringBuilder md = new StringBuilder();
    md.append("# Governance comparison: ").append(out.baseline().name()).append("\n\n");
    md.append(verdictIntro()).append("\n\n");
    md.append("| rank | proposal | objective | baseline | proposal | change (95% CI) | p (Holm) |"
        + " verdict |\n|---:|---|---|---:|---:|---|---:|---|\n");
    for (Comparison.Ranked r : out.proposals()) {
      for (Judge.ObjectiveResult o : r.objectives()) {
        md.append("| ").append(r.rank()).append(" | ").append(r.proposal().title())
            .append(" | ").append(o.objective().describe()).append(" | ")
            .append(f(o.baseline().mean())).append(" | ").append(f(o.proposal().mean()))
            .append(" | ").append(ci(o.difference())).append(" | ").append(f(o.pTHolm()))
            .append(" | **").append(verdictText(o)).append("** |\n");
      }
    }
    md.append('\n').append(howToRead()).append('\n');
    for (Comparison.Ranked r : out.proposals()) {
      Proposal p = r.proposal();
      md.append("\n## ").append(r.rank()).append(". ").append(p.title()).append("\n\n");
      if (!p.rationale().isBlank()) {
        md.append("> ").append(p.rationale()).append("\n\n");
      }
      md.append("File: `").append(p.file().toString().replace('\\', '/')).append("`. ")
          .append(activationText(p)).append("\n\n### What changed\n\n| setting | baseline |"
              + " proposal |\n|---|---|---|\n");
      for (Proposal.Change c : p.changes()) {
        md.append("| `").append(c.path()).append("` | ").append(cell(c.before()))
            .append(" | ").append(cell(c.after())).append(" |\n");
      }
      md.append('\n').append(RESOLVED).append("\n\n### What was measured\n\n| objective | tested | 95% CI | bound | p t-test"
          + " (raw / Holm) | p Wilcoxon (raw / Holm) | verdict |\n"
          + "|---|---|---|---:|---|---|---|\n");
      int i = 0;
      for (Judge.ObjectiveResult o : r.objectives()) {
        md.append("| ").append(o.objective().describe()).append(" | ")
            .append(o.objective().absolute() ? "proposal's mean" : "paired difference")
            .append(" | ").append(ci(o.tested())).append(" | ").append(f(o.bound()))
            .append(" | ").append(f(o.pT())).append(" / ").append(f(o.pTHolm()))
            .append(" | ").append(f(o.pWilcoxon())).append(" / ").append(f(o.pWilcoxonHolm()))
            .append(" | ").append(verdictText(o)).append(" |\n");
      }
      md.append('\n');
      for (Judge.ObjectiveResult o : r.objectives()) {
        md.append("![").append(o.objective().metric()).append("](charts/").append(p.id())
            .append("-objective-").append(i++).append(".svg)\n");
      }
      md.append("\n### Headline metrics (paired differences, not objectives)\n\n| metric |"
          + " baseline | proposal | change (95% CI) | p t-test |\n|---|---:|---:|---|---:|\n");
      for (String m : Replications.HEADLINE) {
        if (!out.baselineSide().runs().get(0).containsKey(m)) {
          continue;
        }
        Judge.MetricResult mr = Judge.metric(m, out.baselineSide().runs(), r.side().runs());
        md.append("| ").append(m).append(" | ").append(f(mr.baseline().mean())).append(" | ")
            .append(f(mr.proposal().mean())).append(" | ").append(ci(mr.difference()))
            .append(" | ").append(f(mr.pT())).append(" |\n");
      }
      md.append("\n### Over time\n\nThe series where the two sides differ most (means over the"
          + " replications, thin lines: 95% band").append(p.activation() != null
              ? "; dashed: the activation" : "").append(").\n\n");
      boolean any = false;
      for (String key : charts.keySet()) {
        if (key.startsWith(p.id() + "-series-")) {
          md.append("![").append(key).append("](charts/").append(key).append(".svg)\n");
          any = true;
        }
      }
      if (!any) {
        md.append(NO_SERIES).append('\n');
      }
    }
    md.append("\n## Method\n\n").append(method()).append('\n');
    return md.toString();
  }

  private String verdictIntro() {
    int n = out.seeds().size();
    return out.proposals().size() + " proposal(s) against `" + baselineFile + "` ("
        + out.baseline().description() + "), " + n + " replication(s) per side, "
        + (out.independentSeeds() ? "independent seeds per side (NOT paired: a measurement of"
            + " what common random numbers buy, not a basis for a vote)"
            : "the same seeds on both sides (common random numbers)") + ".";
  }

  /**
   * A sentence written for the Markdown report as HTML: escaped, then its *emphasis* and
   * `code` spans as tags, so the page does not show the asterisks and backticks.
   */
  static String inline(String markdown) {
    return Html.esc(markdown).replaceAll("\\*([^*]+)\\*", "<em>$1</em>")
        .replaceAll("`([^`]+)`", "<code>$1</code>");
  }

  private static String howToRead() {
    return "How to read this: each objective is a promise the proposal makes about one metric"
        + " of the network. *met* means the 95% confidence interval of the tested quantity lies"
        + " entirely on the promised side of its bound, after a Holm correction for testing"
        + " several objectives at once; *not met* means it lies entirely on the other side;"
        + " *inconclusive* means it straddles the bound, and the table says how many"
        + " replications would likely decide it. Ranks: most objectives met first, then fewest"
        + " not met.";
  }

  private String method() {
    return "Both sides of replication r run with the same seed; every random stream of a run"
        + " is named by its purpose (arrivals, service times, node behaviours, churn, checks,"
        + " prices), so a change of policy leaves the arrivals and failures as they were and"
        + " the paired difference proposal - baseline of each replication measures the change"
        + " alone. Per objective the tested quantity is the proposal's value (below, above) or"
        + " the paired difference (maxRegression, minImprovement; a percentage is of the"
        + " baseline's mean); its 95% interval is Student's t on the replications; the p-value"
        + " is the two-sided t-test of \"it equals the bound\", Holm-adjusted across the"
        + " proposal's objectives, and decides at 5%. The Wilcoxon signed-rank test of the same"
        + " hypothesis is shown as a check that assumes no normality (with n replications its"
        + " smallest two-sided p is 2/2^n, so below 6 it cannot reach 5%). Seeds: "
        + out.seeds()
        + ". Every figure is in comparison.json; every run's values in comparison.csv. Weft "
        + Weft.version() + ".";
  }

  private static String activationText(Proposal p) {
    if (p.activation() == null) {
      return "The change applies from the start of the run.";
    }
    return "The change activates at t = " + time(p.activation().at())
        + (p.activation().ramp() > 0 ? ", reached linearly over " + time(p.activation().ramp())
            + " in " + ProposalLoader.RAMP_STEPS + " steps" : "")
        + "; before that both sides are the same run.";
  }

  /** A time of the run as a reader says it: 2 h, 20 min, 90 min, 45 s (not 0.3333 h). */
  static String time(double seconds) {
    if (seconds >= 3600 && seconds % 3600 == 0) {
      return Objective.trim(seconds / 3600) + " h";
    }
    if (seconds % 60 == 0) {
      return Objective.trim(seconds / 60) + " min";
    }
    return (seconds == Math.rint(seconds) ? Objective.trim(seconds) : f(seconds)) + " s";
  }

  static String verdictText(Judge.ObjectiveResult o) {
    if (o.verdict() != Verdict.INCONCLUSIVE) {
      return o.verdict().label();
    }
    int n = o.replicationsToDecide();
    return n < 0 ? "inconclusive (no difference from the bound)"
        : n > Judge.CAP ? "inconclusive (over " + Judge.CAP + " replications to decide)"
            : "inconclusive (~" + n + " replications to decide)";
  }

  static String ci(PairedStats.Interval i) {
    return f(i.mean()) + " [" + f(i.lo()) + ", " + f(i.hi()) + "]";
  }

  static String f(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    if (v == 0) {
      return "0";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3 ? "%.3e" : "%.4g",
        v);
  }

  private static String cell(String s) {
    return "`" + s.replace("|", "\\|").replace("`", "'") + "`";
  }

  public String html(Map<String, String> charts) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Weft"
        + " comparison: ").append(Html.esc(out.baseline().name())).append("</title><style>"
        + "body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}"
        + "td,th{border:1px solid #ccc;padding:.2em .5em}table{border-collapse:collapse}"
        + ".met{background:#d8f0d8}.notmet{background:#f6d5d5}.inconclusive{background:#f6eccc}"
        + "figure{display:inline-block;margin:.3em}</style></head><body>\n");
    h.append("<h1>Governance comparison: ").append(Html.esc(out.baseline().name()))
        .append("</h1>\n<p>").append(inline(verdictIntro())).append("</p>\n<table><tr><th>"
            + "rank</th><th>proposal</th><th>objective</th><th>baseline</th><th>proposal</th>"
            + "<th>change (95% CI)</th><th>p (Holm)</th><th>verdict</th></tr>\n");
    for (Comparison.Ranked r : out.proposals()) {
      for (Judge.ObjectiveResult o : r.objectives()) {
        h.append("<tr class=\"").append(o.verdict().name().toLowerCase(Locale.ROOT)
                .replace("_", "")).append("\"><td>").append(r.rank()).append("</td><td>")
            .append(Html.esc(r.proposal().title())).append("</td><td>")
            .append(Html.esc(o.objective().describe())).append("</td><td>")
            .append(f(o.baseline().mean())).append("</td><td>").append(f(o.proposal().mean()))
            .append("</td><td>").append(ci(o.difference())).append("</td><td>")
            .append(f(o.pTHolm())).append("</td><td><b>").append(Html.esc(verdictText(o)))
            .append("</b></td></tr>\n");
      }
    }
    h.append("</table>\n<p>").append(inline(howToRead())).append("</p>\n");
    for (Comparison.Ranked r : out.proposals()) {
      Proposal p = r.proposal();
      h.append("<h2>").append(r.rank()).append(". ").append(Html.esc(p.title()))
          .append("</h2>\n");
      if (!p.rationale().isBlank()) {
        h.append("<blockquote>").append(Html.esc(p.rationale())).append("</blockquote>\n");
      }
      h.append("<p>").append(Html.esc(activationText(p))).append("</p>\n<h3>What changed</h3>"
          + "\n<table><tr><th>setting</th><th>baseline</th><th>proposal</th></tr>\n");
      for (Proposal.Change c : p.changes()) {
        h.append("<tr><td><code>").append(Html.esc(c.path())).append("</code></td><td><code>")
            .append(Html.esc(c.before())).append("</code></td><td><code>")
            .append(Html.esc(c.after())).append("</code></td></tr>\n");
      }
      h.append("</table>\n<p>").append(Html.esc(RESOLVED)).append("</p>\n<h3>What was measured</h3>\n<table><tr><th>objective</th><th>tested"
          + "</th><th>95% CI</th><th>bound</th><th>p t-test (raw / Holm)</th><th>p Wilcoxon"
          + " (raw / Holm)</th><th>verdict</th></tr>\n");
      for (Judge.ObjectiveResult o : r.objectives()) {
        h.append("<tr><td>").append(Html.esc(o.objective().describe())).append("</td><td>")
            .append(o.objective().absolute() ? "proposal's mean" : "paired difference")
            .append("</td><td>").append(ci(o.tested())).append("</td><td>").append(f(o.bound()))
            .append("</td><td>").append(f(o.pT())).append(" / ").append(f(o.pTHolm()))
            .append("</td><td>").append(f(o.pWilcoxon())).append(" / ")
            .append(f(o.pWilcoxonHolm())).append("</td><td>")
            .append(Html.esc(verdictText(o))).append("</td></tr>\n");
      }
      h.append("</table>\n");
      for (Map.Entry<String, String> c : charts.entrySet()) {
        if (c.getKey().startsWith(p.id() + "-objective-")) {
          h.append("<figure>").append(c.getValue()).append("</figure>\n");
        }
      }
      h.append("<h3>Over time</h3>\n");
      boolean any = false;
      for (Map.Entry<String, String> c : charts.entrySet()) {
        if (c.getKey().startsWith(p.id() + "-series-")) {
          h.append("<figure>").append(c.getValue()).append("</figure>\n");
          any = true;
        }
      }
      if (!any) {
        h.append("<p>").append(Html.esc(NO_SERIES)).append("</p>\n");
      }
    }
    h.append("<h2>Method</h2>\n<p>").append(inline(method())).append("</p>\n</body></html>\n");
    return h.toString();
  }
}
