package dev.weft.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

  @Test
  void addsRemovesAndGrows() {
    LongHashSet s = new LongHashSet();
    assertTrue(s.isEmpty());
    assertTrue(s.add(0));
    assertFalse(s.add(0));
    for (long k = 1; k < 1000; k++) {
      assertTrue(s.add(k * 64)); // past several doublings of the table
    }
    assertEquals(1000, s.size());
    assertTrue(s.contains(64 * 999));
    assertFalse(s.contains(65));
    assertTrue(s.remove(64 * 500));
    assertFalse(s.remove(64 * 500));
    assertFalse(s.contains(64 * 500));
    for (long k = 501; k < 1000; k++) {
      assertTrue(s.contains(k * 64), "still found after a removal shifted its chain: " + k);
    }
    s.clear();
    assertTrue(s.isEmpty());
    assertFalse(s.contains(0));
  }

  @Test
  void survivesChurn() {
    // moved from SimulatorTest with the class: wide keys, long run
    churn(3, 5000, 200_000);
  }

  @Test
  void survivesChurnOnDenseKeys() {
    // a narrow key range keeps the table crowded, so removals shift long probe chains
    for (int seed = 0; seed < 10; seed++) {
      churn(seed, 300, 20_000);
    }
  }

  /** Random adds and removes of keys below {@code keys}, checked against {@link HashSet}. */
  static void churn(long seed, long keys, int ops) {
    LongHashSet s = new LongHashSet();
    SplittableRandom r = new SplittableRandom(seed);
    Set<Long> ref = new HashSet<>();
    for (int i = 0; i < ops; i++) {
      long k = r.nextLong(keys);
      if (r.nextBoolean()) {
        assertEquals(ref.add(k), s.add(k));
      } else {
        assertEquals(ref.remove(k), s.remove(k));
      }
    }
    assertEquals(ref.size(), s.size());
    for (long k = 0; k < keys; k++) {
      assertEquals(ref.contains(k), s.contains(k));
    }
  }
}
