package dev.weft.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * From paired runs to verdicts. Per objective the tested sample is the proposal's values
 * (below/above) or the paired differences proposal minus baseline (maxRegression,
 * minImprovement), replication by replication; its bound comes from the objective (a
 * relative threshold scales the baseline's mean). The test is the two-sided one-sample t-test
 * of "the mean equals the bound"; Holm adjusts its p-values across the proposal's objectives,
 * and an adjusted p at most {@link #ALPHA} decides the objective on the side of the bound the
 * estimate lies on. With one objective that is exactly "the 95% interval excludes the bound";
 * with several, Holm makes each decision stricter so that the chance of any wrong decision
 * stays at 5%. The Wilcoxon signed-rank test of the same hypothesis is reported beside it, as
 * a check that does not assume normal differences.
 */
public final class Judge {
  /** Family-wise error rate of a proposal's decisions. */
  public static final double ALPHA = 0.05;
  /** The most replications {@link ObjectiveResult#replicationsToDecide} ever suggests. */
  public static final int CAP = 10_000;

  private Judge() {}

  /** The evidence on one objective. */
  public record ObjectiveResult(Objective objective, PairedStats.Interval baseline,
      PairedStats.Interval proposal, PairedStats.Interval difference, double bound,
      PairedStats.Interval tested, double pT, double pTHolm, double pWilcoxon,
      double pWilcoxonHolm, double pDifference, Verdict verdict, int replicationsToDecide) {}

  /** One metric's paired comparison, objective or not. */
  public record MetricResult(String metric, PairedStats.Interval baseline,
      PairedStats.Interval proposal, PairedStats.Interval difference, double pT,
      double pWilcoxon) {}

  /** The verdicts on {@code objectives} from paired per-replication metrics. */
  public static List<ObjectiveResult> judge(List<Objective> objectives,
      List<Map<String, Double>> base, List<Map<String, Double>> prop) {
    int k = objectives.size();
    double[] pT = new double[k];
    double[] pW = new double[k];
    List<double[][]> samples = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Objective o = objectives.get(i);
      double[][] bp = pairs(o.metric(), base, prop);
      double bound = o.bound(PairedStats.mean(bp[0]));
      double[] tested = o.absolute() ? bp[1] : diff(bp);
      pT[i] = bp[0].length < 2 ? 1 : PairedStats.tTest(tested, bound);
      pW[i] = bp[0].length < 1 ? 1 : PairedStats.wilcoxon(tested, bound);
      samples.add(bp);
    }
    double[] pTH = PairedStats.holm(pT);
    double[] pWH = PairedStats.holm(pW);
    List<ObjectiveResult> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Objective o = objectives.get(i);
      double[][] bp = samples.get(i);
      double[] d = diff(bp);
      double bound = o.bound(PairedStats.mean(bp[0]));
      double[] tested = o.absolute() ? bp[1] : d;
      PairedStats.Interval ti = PairedStats.interval(tested, 0.95);
      Verdict v = Verdict.INCONCLUSIVE;
      if (pTH[i] <= ALPHA && ti.mean() != bound) {
        v = (ti.mean() < bound) == o.metBelow() ? Verdict.MET : Verdict.NOT_MET;
      }
      int more = v != Verdict.INCONCLUSIVE ? 0 : PairedStats.replicationsToDecide(ti.sd(),
          Math.abs(ti.mean() - bound), ALPHA / k, CAP);
      out.add(new ObjectiveResult(o, PairedStats.interval(bp[0], 0.95),
          PairedStats.interval(bp[1], 0.95), PairedStats.interval(d, 0.95), bound, ti, pT[i],
          pTH[i], pW[i], pWH[i], bp[0].length < 2 ? 1 : PairedStats.tTest(d, 0), v, more));
    }
    return out;
  }

  /** The paired comparison of {@code metric} without an objective. */
  public static MetricResult metric(String metric, List<Map<String, Double>> base,
      List<Map<String, Double>> prop) {
    double[][] bp = pairs(metric, base, prop);
    double[] d = diff(bp);
    return new MetricResult(metric, PairedStats.interval(bp[0], 0.95),
        PairedStats.interval(bp[1], 0.95), PairedStats.interval(d, 0.95),
        d.length < 2 ? 1 : PairedStats.tTest(d, 0), PairedStats.wilcoxon(d, 0));
  }

  /** Baseline and proposal values of the replications where both sides report the metric. */
  static double[][] pairs(String metric, List<Map<String, Double>> base,
      List<Map<String, Double>> prop) {
    int n = Math.min(base.size(), prop.size());
    double[] b = new double[n];
    double[] p = new double[n];
    int m = 0;
    for (int r = 0; r < n; r++) {
      double x = base.get(r).getOrDefault(metric, Double.NaN);
      double y = prop.get(r).getOrDefault(metric, Double.NaN);
      if (Double.isFinite(x) && Double.isFinite(y)) {
        b[m] = x;
        p[m] = y;
        m++;
      }
    }
    return new double[][] {Arrays.copyOf(b, m), Arrays.copyOf(p, m)};
  }

  private static double[] diff(double[][] bp) {
    double[] d = new double[bp[0].length];
    for (int i = 0; i < d.length; i++) {
      d[i] = bp[1][i] - bp[0][i];
    }
    return d;
  }

  /** Counts of met, not met and inconclusive verdicts. */
  public static int[] tally(List<ObjectiveResult> results) {
    int[] c = new int[3];
    for (ObjectiveResult r : results) {
      c[r.verdict().ordinal()]++;
    }
    return c;
  }
}
