package dev.weft.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongFenwickTreeTest {

  @Test
  void findsTheOwnerOfEachPointOnAHandCase() {
    // weights 5, 0, 0, 7, 1: [0,5) → 0, [5,12) → 3, [12,13) → 4
    LongFenwickTree t = new LongFenwickTree(5);
    long[] w = {5, 0, 0, 7, 1};
    for (int i = 0; i < w.length; i++) {
      t.set(i, w[i]);
    }
    assertEquals(13, t.total());
    assertEquals(12, t.prefixSum(4));
    assertEquals(0, t.find(0));
    assertEquals(0, t.find(4));
    assertEquals(3, t.find(5));
    assertEquals(3, t.find(11));
    assertEquals(4, t.find(12));
    t.set(3, 0);
    assertEquals(6, t.total());
    assertEquals(4, t.find(5));
    assertEquals(0L, t.get(3));
  }

  @Test
  void agreesWithANaivePrefixSum() {
    for (int seed = 0; seed < 30; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = 1 + rnd.nextInt(90);
      LongFenwickTree t = new LongFenwickTree(n);
      long[] w = new long[n];
      for (int op = 0; op < 500; op++) {
        int i = rnd.nextInt(n);
        // large weights as stakes in base units are
        w[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextLong(1L << 50);
        t.set(i, w[i]);
        long total = 0;
        for (long x : w) {
          total += x;
        }
        assertEquals(total, t.total());
        if (total > 0) {
          long r = rnd.nextLong(total);
          long start = 0;
          int owner = 0;
          while (r >= start + w[owner]) {
            start += w[owner++];
          }
          assertEquals(owner, t.find(r), "seed " + seed + " op " + op);
          assertEquals(start, t.prefixSum(owner));
        }
      }
    }
  }
}
