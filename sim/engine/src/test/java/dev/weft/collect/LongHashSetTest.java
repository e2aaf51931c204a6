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
  void agreesWithHashSetOnDenseKeys() {
    // a narrow key range keeps the table crowded, so removals shift long probe chains
    for (int seed = 0; seed < 10; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      LongHashSet s = new LongHashSet();
      Set<Long> ref = new HashSet<>();
      for (int op = 0; op < 20_000; op++) {
        long k = rnd.nextLong(300);
        if (rnd.nextInt(3) > 0) {
          assertEquals(ref.add(k), s.add(k));
        } else {
          assertEquals(ref.remove(k), s.remove(k));
        }
      }
      assertEquals(ref.size(), s.size());
      for (long k = 0; k < 300; k++) {
        assertEquals(ref.contains(k), s.contains(k));
      }
    }
  }
}
