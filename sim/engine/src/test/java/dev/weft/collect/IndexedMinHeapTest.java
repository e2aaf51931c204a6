package dev.weft.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndexedMinHeapTest {

  @Test
  void pollsByKeyThenTie() {
    IndexedMinHeap h = new IndexedMinHeap(4);
    h.set(0, 3.0, 0);
    h.set(1, 1.0, 9);
    h.set(2, 1.0, 2);
    h.set(3, 2.0, 1);
    h.set(4, 1.0, 5);
    assertEquals(5, h.size());
    // key 1.0 three times: ties 2, 5, 9 → ids 2, 4, 1; then key 2.0 (id 3), key 3.0 (id 0)
    int[] expected = {2, 4, 1, 3, 0};
    double[] keys = {1.0, 1.0, 1.0, 2.0, 3.0};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(keys[i], h.peekKey());
      assertEquals(expected[i], h.peek());
      assertEquals(expected[i], h.poll());
    }
    assertTrue(h.isEmpty());
  }

  @Test
  void movesAndRemovesById() {
    IndexedMinHeap h = new IndexedMinHeap(2);
    for (int id = 0; id < 6; id++) {
      h.set(id, 10 + id, id); // keys 10..15
    }
    h.set(5, 1, 5); // 15 → 1: now first
    assertEquals(5, h.peek());
    h.set(5, 20, 5); // and last
    assertEquals(0, h.peek());
    assertEquals(20.0, h.key(5));
    h.remove(0);
    h.remove(0); // absent: nothing happens
    assertFalse(h.contains(0));
    assertTrue(h.contains(1));
    h.remove(3);
    int[] expected = {1, 2, 4, 5};
    for (int id : expected) {
      assertEquals(id, h.poll());
    }
    assertTrue(h.isEmpty());
    assertFalse(h.contains(99)); // beyond every id seen
  }

  @Test
  void clearEmptiesAndForgetsPositions() {
    IndexedMinHeap h = new IndexedMinHeap(4);
    h.set(7, 1, 0);
    h.set(3, 2, 0);
    h.clear();
    assertTrue(h.isEmpty());
    assertFalse(h.contains(7));
    h.set(3, 5, 0);
    assertEquals(3, h.poll());
  }

  record Entry(int id, double key, long tie) {}

  @Test
  void agreesWithPriorityQueueUnderRandomChanges() {
    Comparator<Entry> order = Comparator.comparingDouble(Entry::key)
        .thenComparingLong(Entry::tie);
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      IndexedMinHeap h = new IndexedMinHeap(1);
      PriorityQueue<Entry> ref = new PriorityQueue<>(order);
      Map<Integer, Entry> present = new HashMap<>();
      for (int op = 0; op < 3000; op++) {
        int kind = rnd.nextInt(10);
        int id = rnd.nextInt(200);
        if (kind < 6) {
          // few distinct keys so that ties decide often; ties are distinct per id
          Entry e = new Entry(id, rnd.nextInt(20) * 0.5, 1000 - id);
          Entry old = present.put(id, e);
          if (old != null) {
            ref.remove(old);
          }
          ref.add(e);
          h.set(id, e.key(), e.tie());
        } else if (kind < 8) {
          Entry old = present.remove(id);
          if (old != null) {
            ref.remove(old);
          }
          h.remove(id);
        } else if (!ref.isEmpty()) {
          Entry top = ref.poll();
          present.remove(top.id());
          assertEquals(top.key(), h.peekKey(), "seed " + seed + " op " + op);
          assertEquals(top.id(), h.poll(), "seed " + seed + " op " + op);
        }
        assertEquals(ref.size(), h.size());
        assertEquals(present.containsKey(id), h.contains(id));
      }
    }
  }
}
