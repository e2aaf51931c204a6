package dev.weft.network;

/**
 * Weighted max-min fair rates by textbook progressive filling, written independently of {@link
 * FlowNetwork} and as plainly as possible (quadratic), to check it against.
 */
final class MaxMinReference {
  private MaxMinReference() {}

  /** Rates of flows {@code paths[f]} with {@code weights[f]} and caps over {@code capacity}. */
  static double[] solve(double[] capacity, int[][] paths, double[][] weights, double[] caps) {
    int n = paths.length;
    double[] rate = new double[n];
    boolean[] fixed = new boolean[n];
    double[] residual = capacity.clone();
    int left = n;
    while (left > 0) {
      // the level at which the next link fills or the next cap binds
      double level = Double.POSITIVE_INFINITY;
      int link = -1;
      int capped = -1;
      for (int l = 0; l < capacity.length; l++) {
        double w = 0;
        for (int f = 0; f < n; f++) {
          if (!fixed[f]) {
            for (int h = 0; h < paths[f].length; h++) {
              if (paths[f][h] == l) {
                w += weights[f][h];
              }
            }
          }
        }
        if (w > 0 && Math.max(0, residual[l]) / w < level) {
          level = Math.max(0, residual[l]) / w;
          link = l;
          capped = -1;
        }
      }
      for (int f = 0; f < n; f++) {
        if (!fixed[f] && caps[f] < level) {
          level = caps[f];
          capped = f;
          link = -1;
        }
      }
      for (int f = 0; f < n; f++) {
        boolean on = f == capped;
        for (int h = 0; h < paths[f].length && link >= 0; h++) {
          on |= paths[f][h] == link;
        }
        if (!fixed[f] && on) {
          fixed[f] = true;
          rate[f] = level;
          left--;
          for (int h = 0; h < paths[f].length; h++) {
            residual[paths[f][h]] -= weights[f][h] * level;
          }
        }
      }
    }
    return rate;
  }
}
