package dev.weft.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleFenwickTreeTest {

  @Test
  void prefixSumsAndFindOnAHandCase() {
    // weights 1, 0, 2, 3: cumulative ranges [0,1) → 0, [1,3) → 2 (1 is empty), [3,6) → 3
    DoubleFenwickTree t = new DoubleFenwickTree(4);
    double[] w = {1, 0, 2, 3};
    t.rebuild(i -> w[i]);
    double[] prefix = {0, 1, 1, 3, 6};
    for (int i = 0; i <= 4; i++) {
      assertEquals(prefix[i], t.prefixSum(i));
    }
    assertEquals(6.0, t.total());
    assertEquals(0, t.find(0));
    assertEquals(0, t.find(0.99));
    assertEquals(2, t.find(1));
    assertEquals(2, t.find(2.5));
    assertEquals(3, t.find(3));
    assertEquals(3, t.find(5.99));
    t.set(1, 4); // weights 1, 4, 2, 3
    assertEquals(10.0, t.total());
    assertEquals(1, t.find(1));
    assertEquals(1, t.find(4.99));
    assertEquals(2, t.find(5));
    assertEquals(4.0, t.get(1));
  }

  @Test
  void emptyTreeFindsNothing() {
    DoubleFenwickTree t = new DoubleFenwickTree(0);
    assertEquals(0.0, t.total());
    assertEquals(0, t.find(0.5));
  }

  @Test
  void agreesWithANaivePrefixSum() {
    for (int seed = 0; seed < 30; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = 1 + rnd.nextInt(70);
      DoubleFenwickTree t = new DoubleFenwickTree(n);
      double[] w = new double[n];
      // small integers: every sum is exact, so the tree and the naive sums must agree exactly
      for (int i = 0; i < n; i++) {
        w[i] = rnd.nextInt(4);
      }
      t.rebuild(i -> w[i]);
      for (int op = 0; op < 400; op++) {
        if (rnd.nextBoolean()) {
          int i = rnd.nextInt(n);
          w[i] = rnd.nextInt(4);
          t.set(i, w[i]);
        }
        double sum = 0;
        for (int i = 0; i <= n; i++) {
          assertEquals(sum, t.prefixSum(i));
          if (i < n) {
            assertEquals(w[i], t.get(i));
            sum += w[i];
          }
        }
        if (sum > 0) {
          double target = rnd.nextInt((int) sum * 4) / 4.0;
          assertEquals(naiveFind(w, target), t.find(target), "seed " + seed + " op " + op);
        }
      }
    }
  }

  /** The index whose [start, end) of the cumulative range holds {@code target}. */
  static int naiveFind(double[] w, double target) {
    double start = 0;
    for (int i = 0; i < w.length; i++) {
      if (target < start + w[i]) {
        return i;
      }
      start += w[i];
    }
    return w.length;
  }
}
