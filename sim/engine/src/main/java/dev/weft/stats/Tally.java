package dev.weft.stats;

import java.util.Arrays;

/**
 * Observations of one quantity (wait times, latencies). Keeps every value in a primitive array,
 * so quantiles are exact (Hyndman and Fan type 7, the default of R and NumPy); eight bytes per
 * observation is cheap next to the objects that produced it. The mean is accumulated with
 * Kahan summation so long runs do not drift.
 */
public final class Tally {
  private double[] values = new double[256];
  private int count;
  private double sum;
  private double compensation;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private boolean sorted = true;

  public void add(double x) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    if (sorted && count > 0 && x < values[count - 1]) {
      sorted = false;
    }
    values[count++] = x;
    double y = x - compensation;
    double t = sum + y;
    compensation = (t - sum) - y;
    sum = t;
    if (x < min) {
      min = x;
    }
    if (x > max) {
      max = x;
    }
  }

  public int count() {
    return count;
  }

  /** Mean, or 0 when empty (reports show 0 rather than NaN for an empty class). */
  public double mean() {
    return count == 0 ? 0.0 : sum / count;
  }

  public double min() {
    return count == 0 ? 0.0 : min;
  }

  public double max() {
    return count == 0 ? 0.0 : max;
  }

  /** Sample variance (n - 1), 0 for fewer than two values. */
  public double variance() {
    if (count < 2) {
      return 0.0;
    }
    double m = mean();
    double s = 0;
    for (int i = 0; i < count; i++) {
      double d = values[i] - m;
      s += d * d;
    }
    return s / (count - 1);
  }

  /** Quantile {@code p} in [0, 1], type 7 interpolation; 0 when empty. */
  public double quantile(double p) {
    if (p < 0 || p > 1 || Double.isNaN(p)) {
      throw new IllegalArgumentException("p must be in [0, 1], was " + p);
    }
    if (count == 0) {
      return 0.0;
    }
    if (!sorted) {
      Arrays.sort(values, 0, count);
      sorted = true;
    }
    double h = (count - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, count - 1);
    return values[lo] + (h - lo) * (values[hi] - values[lo]);
  }
}
