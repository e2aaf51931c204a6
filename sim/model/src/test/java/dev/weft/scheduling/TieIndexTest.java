package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** {@link TieIndex} against a brute-force scan of the same pairs after every change. */
class TieIndexTest {

  @Test
  void theLeastPairAndItsNodesFollowEveryChange() {
    int n = 64;
    UniformRandomProvider ops = RandomSource.XO_SHI_RO_256_PP.create(1L);
    UniformRandomProvider draws = RandomSource.XO_SHI_RO_256_PP.create(2L);
    TieIndex index = new TieIndex(n);
    double[] key = new double[n];
    int[] rank = new int[n];
    boolean[] in = new boolean[n];
    for (int step = 0; step < 200_000; step++) {
      int i = ops.nextInt(n);
      if (ops.nextInt(4) == 0) {
        index.remove(i);
        in[i] = false;
      } else {
        // few distinct keys so levels are shared, many so the table fills and empties; -0.0
        // must land on 0.0's level
        int k = step % 1000 < 500 ? ops.nextInt(4) : ops.nextInt(n);
        key[i] = k == 0 && ops.nextBoolean() ? -0.0 : k * 0.25;
        rank[i] = ops.nextInt(2);
        index.set(i, key[i], rank[i]);
        in[i] = true;
      }
      Set<Integer> least = new HashSet<>();
      double bestKey = Double.POSITIVE_INFINITY;
      int bestRank = Integer.MAX_VALUE;
      for (int j = 0; j < n; j++) {
        if (!in[j]) {
          continue;
        }
        int c = Double.compare(key[j] + 0.0, bestKey);
        if (c < 0 || c == 0 && rank[j] < bestRank) {
          least.clear();
          bestKey = key[j] + 0.0;
          bestRank = rank[j];
        }
        if (key[j] + 0.0 == bestKey && rank[j] == bestRank) {
          least.add(j);
        }
      }
      assertEquals(least.isEmpty(), index.isEmpty(), "step " + step);
      assertEquals(least.size(), index.tied(), "step " + step);
      if (!least.isEmpty()) {
        assertTrue(least.contains(index.pick(draws)), "step " + step);
      }
      for (int j = 0; j < n; j++) {
        assertEquals(in[j], index.contains(j));
      }
    }
  }

  @Test
  void aNaNKeyIsRefused() {
    TieIndex index = new TieIndex(2);
    assertThrows(IllegalArgumentException.class, () -> index.set(0, Double.NaN, 0));
    assertFalse(index.contains(0));
  }
}
