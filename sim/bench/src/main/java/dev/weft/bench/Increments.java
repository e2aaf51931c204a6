package dev.weft.bench;

import java.util.SplittableRandom;

/**
 * A fixed ring of exponential(1) increments shared by every event list in the hold model.
 *
 * <p>Drawing random numbers inside the timed loop would add the same cost to every list and blur
 * the differences we want to see, so the increments are drawn once, from a fixed seed, and read
 * back in order. Every list therefore sees exactly the same sequence of increments, and the same
 * initial fill, which is what makes their removal orders comparable (see {@link HoldCheck}).
 *
 * <p>65,536 doubles (512 KiB) are read sequentially, one cache line per eight holds, which the
 * hardware prefetcher hides; a longer ring would only push the lists' own data out of cache.
 */
final class Increments {

  static final int SIZE = 1 << 16;
  static final int MASK = SIZE - 1;
  static final long SEED = 20_260_101L;

  private Increments() {}

  /** A fresh copy of the ring (each benchmark state owns its array). */
  static double[] ring() {
    SplittableRandom rng = new SplittableRandom(SEED);
    double[] ring = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      // nextDouble() is in [0, 1), so 1 - u is in (0, 1] and the logarithm is finite.
      ring[i] = -Math.log1p(-rng.nextDouble());
    }
    return ring;
  }
}
