package dev.weft.network;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AI models a node holds locally, bounded in bytes, least recently used evicted first; a
 * miss means a cold-start download. Pure data structure, one per node; not thread-safe.
 */
public final class ModelCache {
  private final double capacityBytes;
  private final LinkedHashMap<String, Double> entries = new LinkedHashMap<>(8, 0.75f, true);
  private double usedBytes;

  public ModelCache(double capacityBytes) {
    if (!(capacityBytes >= 0) || Double.isInfinite(capacityBytes)) {
      throw new IllegalArgumentException("capacity must be finite and >= 0, was "
          + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
  }

  /** Whether the model is held; does not count as a use. */
  public boolean contains(String modelId) {
    return entries.containsKey(modelId);
  }

  /** Marks a held model as just used; returns whether it was held. */
  public boolean touch(String modelId) {
    return entries.get(modelId) != null;
  }

  /**
   * Stores a model of {@code bytes} as the most recently used, evicting least recently used
   * models until it fits; returns the evicted ids, oldest first. A model larger than the whole
   * cache is not stored and evicts nothing. Admitting a held model refreshes it (and its size).
   */
  public List<String> admit(String modelId, double bytes) {
    if (!(bytes >= 0) || Double.isInfinite(bytes)) {
      throw new IllegalArgumentException("size must be finite and >= 0, was " + bytes);
    }
    if (bytes > capacityBytes) {
      return List.of();
    }
    Double old = entries.remove(modelId);
    if (old != null) {
      usedBytes -= old;
    }
    List<String> evicted = new ArrayList<>(0);
    Iterator<Map.Entry<String, Double>> it = entries.entrySet().iterator();
    while (usedBytes + bytes > capacityBytes && it.hasNext()) {
      Map.Entry<String, Double> e = it.next();
      usedBytes -= e.getValue();
      evicted.add(e.getKey());
      it.remove();
    }
    if (entries.isEmpty()) {
      usedBytes = 0; // no rounding residue once empty
    }
    entries.put(modelId, bytes);
    usedBytes += bytes;
    return evicted;
  }

  /** Drops a model; returns whether it was held. */
  public boolean evict(String modelId) {
    Double old = entries.remove(modelId);
    if (old == null) {
      return false;
    }
    usedBytes = entries.isEmpty() ? 0 : usedBytes - old;
    return true;
  }

  public double usedBytes() {
    return usedBytes;
  }

  public double capacityBytes() {
    return capacityBytes;
  }

  public int size() {
    return entries.size();
  }

  /** Held model ids, least recently used first. */
  public List<String> ids() {
    return List.copyOf(entries.keySet());
  }
}
