package dev.weft.economics;

import java.util.Arrays;

/** Concentration measures used in the economics summary. */
public final class EconomicsMetrics {

  private EconomicsMetrics() {}

  /**
   * The Gini coefficient of non-negative values: 0 when all are equal, (n − 1)/n when one holds
   * everything; 0 for an empty or all-zero list. Uses the sorted form
   * G = 2·Σ i·x₍ᵢ₎ / (n·Σx) − (n + 1)/n with ranks i from 1.
   */
  public static double gini(double[] values) {
    int n = values.length;
    double[] x = values.clone();
    Arrays.sort(x);
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < n; i++) {
      sum += x[i];
      weighted += (i + 1) * x[i];
    }
    if (n == 0 || sum <= 0) {
      return 0;
    }
    return 2 * weighted / (n * sum) - (n + 1.0) / n;
  }

  /**
   * The Nakamoto coefficient: the fewest holders whose combined stake reaches {@code threshold}
   * of the total (1/3 halts a BFT chain); 0 when there is no stake.
   */
  public static int nakamoto(double[] stakes, double threshold) {
    double[] x = stakes.clone();
    Arrays.sort(x);
    double total = 0;
    for (double v : x) {
      total += v;
    }
    if (total <= 0) {
      return 0;
    }
    double acc = 0;
    int count = 0;
    for (int i = x.length - 1; i >= 0; i--) {
      acc += x[i];
      count++;
      if (acc >= threshold * total) {
        break;
      }
    }
    return count;
  }
}
