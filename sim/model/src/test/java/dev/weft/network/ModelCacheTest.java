package dev.weft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCacheTest {
  static final double GB = 1e9;

  @Test
  void evictsLeastRecentlyUsedUntilTheNewModelFits() {
    ModelCache c = new ModelCache(40 * GB);
    assertEquals(List.of(), c.admit("llama-3-8b", 16 * GB));
    assertEquals(List.of(), c.admit("qwen-7b", 15 * GB));
    assertTrue(c.touch("llama-3-8b")); // now qwen is the least recently used
    assertEquals(List.of("qwen-7b"), c.admit("mistral-7b", 14.5 * GB));
    assertEquals(List.of("llama-3-8b", "mistral-7b"), c.ids());
    assertEquals(30.5 * GB, c.usedBytes(), 1e-3);
    assertEquals(List.of("llama-3-8b", "mistral-7b"), c.admit("llama-3-70b", 40 * GB));
    assertEquals(List.of("llama-3-70b"), c.ids());
  }

  @Test
  void containsDoesNotCountAsAUse() {
    ModelCache c = new ModelCache(2);
    c.admit("a", 1);
    c.admit("b", 1);
    assertTrue(c.contains("a"));
    assertEquals(List.of("a"), c.admit("c", 1));
  }

  @Test
  void aModelLargerThanTheCacheIsNotStoredAndEvictsNothing() {
    ModelCache c = new ModelCache(10);
    c.admit("small", 4);
    assertEquals(List.of(), c.admit("huge", 11));
    assertFalse(c.contains("huge"));
    assertTrue(c.contains("small"));
  }

  @Test
  void readmittingRefreshesRecencyAndSize() {
    ModelCache c = new ModelCache(10);
    c.admit("a", 4);
    c.admit("b", 4);
    assertEquals(List.of(), c.admit("a", 5)); // 4 + 5 fits; a is now newest
    assertEquals(9, c.usedBytes());
    assertEquals(List.of("b"), c.admit("c", 5));
    assertTrue(c.evict("a"));
    assertFalse(c.evict("a"));
    assertEquals(5, c.usedBytes());
    assertThrows(IllegalArgumentException.class, () -> c.admit("x", -1));
  }
}
