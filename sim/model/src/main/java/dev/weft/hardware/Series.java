package dev.weft.hardware;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of one table line (same shape but for the axis column), sorted along the axis,
 * with the interpolation between them. Exact at grid points; between two neighbours
 * {@code x1 < x < x2} (times t1, t2) the estimate lies between t1 and t2 and is monotone
 * in x.
 *
 * <p>Default: linear in the op's work W(x) (its FLOPs; bytes for copies and collectives),
 * {@code t = t1 + (t2 - t1) (W(x) - W(x1)) / (W(x2) - W(x1))}. Kernel times are close to
 * affine in their work (a launch cost plus work over a rate), which this reproduces exactly;
 * for a GEMM W is linear in m, for causal prefill it follows the quadratic growth of
 * attended pairs. (Log-log in the axis, the other obvious choice, bends the wrong way across
 * the launch-bound to bandwidth-bound transition.)
 *
 * <p>Staircase ops (GEMM, attention, MoE) step up at tile and wave boundaries that the grid
 * does not show. A segment whose time grows faster than its work ({@code t2 / t1 >=
 * W(x2) / W(x1)}), which no smooth kernel does, holds such a step, and the step may lie
 * just past x1. There the estimate never goes below the upper neighbour, except where a
 * subadditivity bound is tighter for ops whose cost is subadditive in the axis (GEMM in m,
 * decode in context, MoE in tokens): x costs no more than x1 plus a call on the remainder,
 * {@code min(t2, t1 + up(x - x1))} with {@code up(d)} the running-maximum time at the first
 * grid point at or above d, which keeps the estimate near linear where many waves make each
 * step small. VALIDATION.md has the held-out errors of each choice.
 */
final class Series {
  private final long[] axis;
  private final double[] work;
  private final double[] seconds;
  private final double[] rising;  // running maximum of seconds along the axis
  private final KernelRow[] rows;
  private final boolean staircase;

  Series(List<KernelRow> sortedRows, boolean staircase) {
    int n = sortedRows.size();
    this.axis = new long[n];
    this.work = new double[n];
    this.seconds = new double[n];
    this.rising = new double[n];
    this.rows = sortedRows.toArray(new KernelRow[0]);
    this.staircase = staircase;
    double max = 0;
    for (int i = 0; i < n; i++) {
      axis[i] = rows[i].query().axisValue();
      work[i] = work(rows[i].query());
      seconds[i] = rows[i].seconds();
      max = Math.max(max, seconds[i]);
      rising[i] = max;
    }
  }

  int size() {
    return axis.length;
  }

  long min() {
    return axis[0];
  }

  long max() {
    return axis[axis.length - 1];
  }

  KernelRow first() {
    return rows[0];
  }

  KernelRow last() {
    return rows[rows.length - 1];
  }

  /** The row at exactly {@code x}, or null. */
  KernelRow exact(long x) {
    int i = Arrays.binarySearch(axis, x);
    return i >= 0 ? rows[i] : null;
  }

  /** Index of the last grid point below {@code x}, for {@code min() < x < max()} off-grid. */
  int lowerIndex(long x) {
    int i = Arrays.binarySearch(axis, x);
    return i >= 0 ? i : -i - 2;
  }

  long axisAt(int i) {
    return axis[i];
  }

  /** The work a time scales with: FLOPs, or bytes where there are none. */
  static double work(KernelQuery q) {
    double f = q.flops();
    return f > 0 ? f : Math.max(1, q.memoryBytes());
  }

  /** Interpolated time of {@code q}, whose axis value lies strictly inside the grid. */
  double interpolate(KernelQuery q) {
    long x = q.axisValue();
    int lo = lowerIndex(x);
    int hi = lo + 1;
    double t1 = seconds[lo];
    double t2 = seconds[hi];
    if (!stepInside(lo)) {
      double w = (work(q) - work[lo]) / (work[hi] - work[lo]);
      return t1 + Math.min(1, Math.max(0, w)) * (t2 - t1);
    }
    if (q.op() == Op.ATTENTION_PREFILL) {
      return Math.max(t1, t2);  // causal attention grows faster than linearly in tokens
    }
    long rest = x - axis[lo];
    int j = Arrays.binarySearch(axis, rest);
    int up = j >= 0 ? j : Math.min(-j - 1, axis.length - 1);
    return Math.min(Math.max(t1, t2), t1 + rising[up]);
  }

  /** True when the segment after grid point {@code lo} holds a step (staircase ops only). */
  private boolean stepInside(int lo) {
    return staircase && seconds[lo + 1] * work[lo] >= seconds[lo] * work[lo + 1];
  }

  /** Short description of the method for {@code x}, for a prediction's source. */
  String method(long x, String axisName) {
    int lo = lowerIndex(x);
    return (stepInside(lo) ? "step-safe" : "linear") + " interpolation in " + axisName
        + " between " + axis[lo] + " and " + axis[lo + 1];
  }
}
