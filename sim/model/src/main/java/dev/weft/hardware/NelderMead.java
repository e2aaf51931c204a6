package dev.weft.hardware;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free minimiser for the few-parameter roofline fits (standard reflection,
 * expansion, contraction and shrink coefficients). Deterministic: same start, same answer.
 */
final class NelderMead {
  private NelderMead() {}

  static double[] minimize(ToDoubleFunction<double[]> f, double[] start, double step,
      int maxEvals, double tolerance) {
    int n = start.length;
    double[][] p = new double[n + 1][];
    double[] y = new double[n + 1];
    p[0] = start.clone();
    for (int i = 0; i < n; i++) {
      p[i + 1] = start.clone();
      p[i + 1][i] += step;
    }
    int evals = 0;
    for (int i = 0; i <= n; i++) {
      y[i] = f.applyAsDouble(p[i]);
      evals++;
    }
    Integer[] order = new Integer[n + 1];
    while (evals < maxEvals) {
      for (int i = 0; i <= n; i++) {
        order[i] = i;
      }
      final double[] yy = y;
      Arrays.sort(order, (a, b) -> Double.compare(yy[a], yy[b]));
      double[][] ps = new double[n + 1][];
      double[] ys = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        ps[i] = p[order[i]];
        ys[i] = y[order[i]];
      }
      p = ps;
      y = ys;
      if (Math.abs(y[n] - y[0]) <= tolerance * (Math.abs(y[0]) + 1e-30)) {
        break;
      }
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c[j] += p[i][j] / n;
        }
      }
      double[] r = along(c, p[n], -1);
      double fr = f.applyAsDouble(r);
      evals++;
      if (fr < y[0]) {
        double[] e = along(c, p[n], -2);
        double fe = f.applyAsDouble(e);
        evals++;
        if (fe < fr) {
          p[n] = e;
          y[n] = fe;
        } else {
          p[n] = r;
          y[n] = fr;
        }
      } else if (fr < y[n - 1]) {
        p[n] = r;
        y[n] = fr;
      } else {
        double[] k = fr < y[n] ? along(c, p[n], -0.5) : along(c, p[n], 0.5);
        double fk = f.applyAsDouble(k);
        evals++;
        if (fk < Math.min(fr, y[n])) {
          p[n] = k;
          y[n] = fk;
        } else {
          for (int i = 1; i <= n; i++) {
            for (int j = 0; j < n; j++) {
              p[i][j] = p[0][j] + 0.5 * (p[i][j] - p[0][j]);
            }
            y[i] = f.applyAsDouble(p[i]);
            evals++;
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i <= n; i++) {
      if (y[i] < y[best]) {
        best = i;
      }
    }
    return p[best];
  }

  /** c + a (w - c): a = -1 reflects w through c, -2 expands, +-0.5 contracts. */
  private static double[] along(double[] c, double[] w, double a) {
    double[] out = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i] + a * (w[i] - c[i]);
    }
    return out;
  }
}
