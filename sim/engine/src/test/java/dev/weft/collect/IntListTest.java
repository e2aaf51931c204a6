package dev.weft.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntListTest {

  @Test
  void growsPastItsRoomAndKeepsOrder() {
    IntList l = new IntList(1); // room for 4
    for (int i = 0; i < 10; i++) {
      l.add(i * i);
    }
    assertEquals(10, l.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(i * i, l.get(i));
    }
    assertEquals(81, l.pop());
    assertEquals(64, l.pop());
    assertEquals(8, l.size());
    l.add(-1);
    assertEquals(-1, l.get(8));
    l.clear();
    assertTrue(l.isEmpty());
    l.add(7);
    assertEquals(7, l.get(0));
  }
}
