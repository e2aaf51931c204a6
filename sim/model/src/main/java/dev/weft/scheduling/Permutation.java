package dev.weft.scheduling;

import org.apache.commons.rng.UniformRandomProvider;

/** Random orders of local indexes, for policies that must not follow the listing order. */
final class Permutation {
  private Permutation() {}

  /** 0..n-1 in a uniformly random order (Fisher-Yates with {@code rng}). */
  static int[] random(int n, UniformRandomProvider rng) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
