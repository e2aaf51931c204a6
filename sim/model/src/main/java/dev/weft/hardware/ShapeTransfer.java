package dev.weft.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Shape-local correction of the calibrated GEMM roofline, for a GEMM whose (n, k) no table
 * measured. At a token count m, the measured GEMMs of other (n, k) tell how far that
 * hardware's kernels at this m sit from the calibrated roofline: cuBLAS picks its tile and
 * split by m and n, so the factor varies sharply from one m to the next and smoothly enough
 * in (n, k) to be carried over. The factor of a new shape is estimated from the log
 * residuals {@code r = log(measured / calibrated roofline)} of the shapes measured at the
 * same m, as the mean of two estimators:
 * <ul>
 *   <li>nearest shapes: inverse-square-distance weighted mean of the {@value #NEIGHBOURS}
 *       nearest shapes in (log2 n, log2 k), n weighted {@value #N_WEIGHT} times k (n sets
 *       the tile count along the output; k only the loop length);</li>
 *   <li>additive: {@code r = a(n) + b(k)} fitted by ridge least squares (penalty
 *       {@value #RIDGE}) over the shapes measured at m, a and b interpolated linearly in
 *       log2 n and log2 k between measured values (held constant beyond them).</li>
 * </ul>
 * Between two measured m the factor is interpolated linearly in log2 m; beyond the measured
 * range the nearest m's is used. Needs at least {@value #MIN_SHAPES} shapes at an m to use
 * it. Everything comes from the table at load; nothing is stored in calibration.yaml. The
 * answer is still labelled {@code calibrated-roofline}. VALIDATION.md has the held-out
 * errors with and without it.
 */
final class ShapeTransfer {
  static final int MIN_SHAPES = 3;
  static final int NEIGHBOURS = 6;
  static final double N_WEIGHT = 2;
  static final double DISTANCE_FLOOR = 0.1;
  static final double RIDGE = 1.0;

  /** Shapes measured at one m: their log2 n, log2 k and log residual, and the additive fit. */
  private static final class AtM {
    final double[] ln;
    final double[] lk;
    final double[] r;
    final double[] nKnots;
    final double[] nCoef;
    final double[] kKnots;
    final double[] kCoef;

    AtM(double[] ln, double[] lk, double[] r) {
      this.ln = ln;
      this.lk = lk;
      this.r = r;
      TreeSet<Double> ns = new TreeSet<>();
      TreeSet<Double> ks = new TreeSet<>();
      for (int i = 0; i < ln.length; i++) {
        ns.add(ln[i]);
        ks.add(lk[i]);
      }
      nKnots = ns.stream().mapToDouble(Double::doubleValue).toArray();
      kKnots = ks.stream().mapToDouble(Double::doubleValue).toArray();
      double[] c = ridge(ln, lk, r, nKnots, kKnots);
      nCoef = Arrays.copyOfRange(c, 0, nKnots.length);
      kCoef = Arrays.copyOfRange(c, nKnots.length, c.length);
    }

    double estimate(double qn, double qk) {
      return 0.5 * nearest(qn, qk) + 0.5 * (interp(nKnots, nCoef, qn)
          + interp(kKnots, kCoef, qk));
    }

    private double nearest(double qn, double qk) {
      int count = ln.length;
      double[] d = new double[count];
      Integer[] order = new Integer[count];
      for (int i = 0; i < count; i++) {
        double dn = N_WEIGHT * (ln[i] - qn);
        double dk = lk[i] - qk;
        d[i] = Math.sqrt(dn * dn + dk * dk);
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
      double sw = 0;
      double s = 0;
      for (int j = 0; j < Math.min(NEIGHBOURS, count); j++) {
        int i = order[j];
        double w = 1 / ((d[i] + DISTANCE_FLOOR) * (d[i] + DISTANCE_FLOOR));
        sw += w;
        s += w * r[i];
      }
      return s / sw;
    }
  }

  private final long[] ms;
  private final AtM[] at;

  private ShapeTransfer(long[] ms, AtM[] at) {
    this.ms = ms;
    this.at = at;
  }

  /**
   * The transfer over {@code rows} (measured GEMMs of one hardware and dtype group), their
   * residuals taken against {@code cal}; null when no m has {@value #MIN_SHAPES} shapes.
   */
  static ShapeTransfer of(Hardware hw, Calibration cal, List<KernelRow> rows) {
    Map<Long, List<KernelRow>> byM = new TreeMap<>();
    for (KernelRow r : rows) {
      if (r.label() == Label.MEASURED && r.op() == Op.GEMM && r.query().m() > 0
          && r.query().n() > 0 && r.query().k() > 0) {
        byM.computeIfAbsent(r.query().m(), x -> new ArrayList<>()).add(r);
      }
    }
    List<Long> keep = new ArrayList<>();
    List<AtM> fits = new ArrayList<>();
    for (Map.Entry<Long, List<KernelRow>> e : byM.entrySet()) {
      List<KernelRow> list = e.getValue();
      if (list.size() < MIN_SHAPES) {
        continue;
      }
      double[] ln = new double[list.size()];
      double[] lk = new double[list.size()];
      double[] res = new double[list.size()];
      for (int i = 0; i < ln.length; i++) {
        KernelQuery q = list.get(i).query().withDerivedBytes();
        ln[i] = log2(q.n());
        lk[i] = log2(q.k());
        res[i] = Math.log(list.get(i).seconds() / Roofline.calibrated(hw, q, cal));
      }
      keep.add(e.getKey());
      fits.add(new AtM(ln, lk, res));
    }
    if (keep.isEmpty()) {
      return null;
    }
    return new ShapeTransfer(keep.stream().mapToLong(Long::longValue).toArray(),
        fits.toArray(new AtM[0]));
  }

  /** The factor to multiply the calibrated roofline of {@code q} by. */
  double factor(KernelQuery q) {
    double qn = log2(q.n());
    double qk = log2(q.k());
    long m = q.m();
    int i = Arrays.binarySearch(ms, m);
    if (i >= 0) {
      return Math.exp(at[i].estimate(qn, qk));
    }
    int hi = -i - 1;
    if (hi == 0) {
      return Math.exp(at[0].estimate(qn, qk));
    }
    if (hi == ms.length) {
      return Math.exp(at[ms.length - 1].estimate(qn, qk));
    }
    int lo = hi - 1;
    double w = (log2(m) - log2(ms[lo])) / (log2(ms[hi]) - log2(ms[lo]));
    return Math.exp((1 - w) * at[lo].estimate(qn, qk) + w * at[hi].estimate(qn, qk));
  }

  /** What the factor of {@code q} came from, for a prediction's source. */
  String describe(KernelQuery q) {
    long m = q.m();
    int i = Arrays.binarySearch(ms, m);
    if (i >= 0) {
      return at[i].r.length + " measured shapes at m=" + m;
    }
    int hi = -i - 1;
    if (hi == 0 || hi == ms.length) {
      int j = hi == 0 ? 0 : ms.length - 1;
      return at[j].r.length + " measured shapes at m=" + ms[j];
    }
    return "measured shapes at m=" + ms[hi - 1] + " and " + ms[hi];
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** Linear interpolation of {@code y} over ascending {@code x}, constant beyond the ends. */
  static double interp(double[] x, double[] y, double v) {
    if (v <= x[0]) {
      return y[0];
    }
    int n = x.length;
    if (v >= x[n - 1]) {
      return y[n - 1];
    }
    int i = Arrays.binarySearch(x, v);
    if (i >= 0) {
      return y[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double w = (v - x[lo]) / (x[hi] - x[lo]);
    return y[lo] + w * (y[hi] - y[lo]);
  }

  /**
   * Ridge least squares of {@code r = a(n) + b(k)}: one unknown per distinct n and per
   * distinct k, minimising {@code sum (a_n + b_k - r)^2 + RIDGE * (sum a^2 + sum b^2)}.
   */
  static double[] ridge(double[] ln, double[] lk, double[] r, double[] nKnots,
      double[] kKnots) {
    int nn = nKnots.length;
    int p = nn + kKnots.length;
    double[][] a = new double[p][p + 1];
    for (int j = 0; j < p; j++) {
      a[j][j] = RIDGE;
    }
    for (int i = 0; i < r.length; i++) {
      int u = Arrays.binarySearch(nKnots, ln[i]);
      int v = nn + Arrays.binarySearch(kKnots, lk[i]);
      a[u][u] += 1;
      a[v][v] += 1;
      a[u][v] += 1;
      a[v][u] += 1;
      a[u][p] += r[i];
      a[v][p] += r[i];
    }
    // Gaussian elimination; the matrix is symmetric positive definite (ridge > 0).
    for (int c = 0; c < p; c++) {
      for (int row = c + 1; row < p; row++) {
        double f = a[row][c] / a[c][c];
        if (f != 0) {
          for (int j = c; j <= p; j++) {
            a[row][j] -= f * a[c][j];
          }
        }
      }
    }
    double[] x = new double[p];
    for (int c = p - 1; c >= 0; c--) {
      double s = a[c][p];
      for (int j = c + 1; j < p; j++) {
        s -= a[c][j] * x[j];
      }
      x[c] = s / a[c][c];
    }
    return x;
  }
}
