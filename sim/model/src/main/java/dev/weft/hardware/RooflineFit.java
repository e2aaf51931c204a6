package dev.weft.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits a {@link Calibration} to measured rows of one hardware and op.
 *
 * <p>Least squares in log space: minimise the sum over rows of
 * {@code (log predicted - log measured)^2} over {@code log etaCompute}, {@code log etaMemory}
 * and {@code log launch} with Nelder-Mead from a few fixed starts. Log space weighs a 5 us
 * kernel's relative error like a 5 ms one's, which is what a simulator summing many kernels
 * needs. Efficiencies are not clamped at 1: a datasheet figure can be conservative (the RTX
 * 4090's bf16 rate is reached in practice). A tiny pull towards efficiency 1 keeps an
 * efficiency that no row constrains (compute in a memory-bound op) at a sane value.
 *
 * <p>GEMMs then get a correction in m: the median log residual per half-octave of m (bins
 * with at least {@value #MIN_BIN_ROWS} rows), interpolated between bin centres. It captures
 * what a two-regime roofline cannot: partly filled tiles and waves at small and middling m.
 * GEMM fits use the 16-bit rows when there are any (tensor-core path; fp32 GEMMs run on
 * other units).
 */
public final class RooflineFit {
  /** Fewest rows a fit is made from. */
  public static final int MIN_ROWS = 4;
  static final int MIN_BIN_ROWS = 3;
  private static final double PULL = 1e-6;

  private RooflineFit() {}

  /** The fitted calibration, or null when fewer than {@link #MIN_ROWS} rows qualify. */
  public static Calibration fit(Hardware hw, Op op, List<KernelRow> rows,
      String source) {
    List<KernelRow> use = select(hw, op, rows);
    if (use.size() < MIN_ROWS || !hw.hasFigures()) {
      return null;
    }
    int n = use.size();
    double[] c = new double[n];
    double[] b = new double[n];
    double[] y = new double[n];
    double[] m = new double[n];
    double minT = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      KernelRow r = use.get(i);
      KernelQuery q = r.query();
      // Unit efficiencies and no launch: the roofline's two terms for this row.
      c[i] = op.collective() ? 0 : spec(hw, q, true);
      b[i] = spec(hw, q, false);
      y[i] = Math.log(r.seconds());
      m[i] = q.m();
      minT = Math.min(minT, r.seconds());
    }
    double[] best = null;
    double bestF = Double.MAX_VALUE;
    for (double eta : new double[] {0.8, 0.4}) {
      for (double launch : new double[] {0.5 * minT, 0.05 * minT}) {
        double[] start = {Math.log(eta), Math.log(eta), Math.log(launch)};
        double[] x = NelderMead.minimize(p -> loss(p, c, b, y), start, 0.5, 4000, 1e-12);
        x = NelderMead.minimize(p -> loss(p, c, b, y), x, 0.1, 4000, 1e-14);
        double fx = loss(x, c, b, y);
        if (fx < bestF) {
          bestF = fx;
          best = x;
        }
      }
    }
    double etaC = Math.exp(best[0]);
    double etaM = Math.exp(best[1]);
    double launch = Math.exp(best[2]);
    double[] knots = new double[0];
    double[] factors = new double[0];
    if (op == Op.GEMM) {
      double[][] kf = correction(c, b, y, m, etaC, etaM, launch);
      knots = kf[0];
      factors = kf[1];
    }
    Calibration raw = new Calibration(hw.id(), op, etaC, etaM, launch, knots, factors, n, 0, 0,
        source);
    double[] err = new double[n];
    for (int i = 0; i < n; i++) {
      err[i] = Math.abs(Roofline.calibrated(hw, use.get(i).query(), raw) / Math.exp(y[i]) - 1);
    }
    Arrays.sort(err);
    return new Calibration(hw.id(), op, etaC, etaM, launch, knots, factors, n,
        quantile(err, 0.5), quantile(err, 0.9), source);
  }

  /** The measured rows of {@code op} on {@code hw} that a fit uses. */
  public static List<KernelRow> select(Hardware hw, Op op, List<KernelRow> rows) {
    List<KernelRow> out = new ArrayList<>();
    if (op == Op.ATTENTION_MIXED) {
      return out;  // no roofline of its own: its grid, else a prefill plus a decode call
    }
    boolean any16 = false;
    for (KernelRow r : rows) {
      if (r.label() == Label.MEASURED && r.hardware().equals(hw.id())
          && r.op() == op) {
        out.add(r);
        Dtype d = r.query().dtype();
        any16 |= d == Dtype.BF16 || d == Dtype.FP16;
      }
    }
    if (op == Op.GEMM && any16) {
      out.removeIf(r -> r.query().dtype() != Dtype.BF16 && r.query().dtype() != Dtype.FP16);
    }
    return out;
  }

  private static double spec(Hardware hw, KernelQuery q, boolean compute) {
    if (q.op().collective()) {
      return q.memoryBytes() / hw.linkBandwidth();
    }
    if (compute) {
      double peak = hw.peakFlops(q.dtype());
      return peak > 0 ? q.flops() / peak : 0;
    }
    return q.memoryBytes() / hw.memoryBandwidth();
  }

  private static double loss(double[] p, double[] c, double[] b, double[] y) {
    double ic = Math.exp(-p[0]);
    double im = Math.exp(-p[1]);
    double launch = Math.exp(p[2]);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double d = Math.log(Math.max(c[i] * ic, b[i] * im) + launch) - y[i];
      s += d * d;
    }
    return s + PULL * y.length * (p[0] * p[0] + p[1] * p[1]);
  }

  private static double[][] correction(double[] c, double[] b, double[] y, double[] m,
      double etaC, double etaM, double launch) {
    Map<Integer, List<Double>> bins = new TreeMap<>();
    for (int i = 0; i < y.length; i++) {
      if (m[i] < 1) {
        continue;
      }
      double pred = Math.max(c[i] / etaC, b[i] / etaM) + launch;
      int bin = (int) Math.round(2 * Math.log(m[i]) / Math.log(2));
      bins.computeIfAbsent(bin, x -> new ArrayList<>()).add(y[i] - Math.log(pred));
    }
    List<double[]> kept = new ArrayList<>();
    for (Map.Entry<Integer, List<Double>> e : bins.entrySet()) {
      if (e.getValue().size() >= MIN_BIN_ROWS) {
        double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        kept.add(new double[] {e.getKey() / 2.0, Math.exp(quantile(v, 0.5))});
      }
    }
    if (kept.size() < 2) {
      return new double[][] {new double[0], new double[0]};
    }
    double[] knots = new double[kept.size()];
    double[] factors = new double[kept.size()];
    for (int i = 0; i < knots.length; i++) {
      knots[i] = kept.get(i)[0];
      factors[i] = kept.get(i)[1];
    }
    return new double[][] {knots, factors};
  }

  /** Linear-interpolated quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
