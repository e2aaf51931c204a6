package dev.weft.scheduling;

import dev.weft.collect.IndexedMinHeap;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Nodes (by local index) under a pair (key, rank), answering with one drawn uniformly at random
 * among those holding the least pair. Nodes with equal pairs share a level; the levels sit in
 * an indexed heap, and each level keeps its members in an array, so a change is O(log levels)
 * and a pick is O(1) plus one draw. No order of insertion, index or node id decides a tie: each
 * pick is an independent uniform draw over the tied nodes, whatever happened before.
 *
 * <p>Why not a heap of nodes with random tie numbers: a node that loses a draw keeps a number
 * known to be above the winner's, so a node arriving at the level later with a fresh number is
 * favoured; picks would be exchangeable but not uniform.
 *
 * <p>Allocation-free once each level's member array has grown to the largest size it holds.
 */
final class TieIndex {
  /** The bits of -0.0, which no stored key has (keys are normalised to 0.0): a free slot. */
  private static final long EMPTY = Long.MIN_VALUE;

  private final int[] levelOf; // by node, -1 when absent
  private final int[] posOf; // by node, its place in its level's members
  private final double[] levelKey;
  private final int[] levelRank;
  private final int[][] members;
  private final int[] count;
  private final int[] free; // stack of unused level ids
  private int freeCount;
  private final IndexedMinHeap heap;
  // open addressing (linear probing) from (key, rank) to level id; at most half full
  private final long[] slotBits;
  private final int[] slotRank;
  private final int[] slotLevel;
  private final int mask;

  /** An empty index for nodes 0..size-1. */
  TieIndex(int size) {
    levelOf = new int[size];
    posOf = new int[size];
    Arrays.fill(levelOf, -1);
    levelKey = new double[size];
    levelRank = new int[size];
    members = new int[size][];
    count = new int[size];
    free = new int[size];
    for (int l = 0; l < size; l++) {
      free[freeCount++] = size - 1 - l;
    }
    heap = new IndexedMinHeap(size);
    int slots = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
    slotBits = new long[slots];
    Arrays.fill(slotBits, EMPTY);
    slotRank = new int[slots];
    slotLevel = new int[slots];
    mask = slots - 1;
  }

  boolean isEmpty() {
    return heap.isEmpty();
  }

  boolean contains(int node) {
    return levelOf[node] >= 0;
  }

  /** Number of nodes at the least pair. */
  int tied() {
    return heap.isEmpty() ? 0 : count[heap.peek()];
  }

  /** One node drawn uniformly among those at the least pair; the index must not be empty. */
  int pick(UniformRandomProvider rng) {
    int l = heap.peek();
    return count[l] == 1 ? members[l][0] : members[l][rng.nextInt(count[l])];
  }

  /** Puts {@code node} under (key, rank), inserting it or moving it. */
  void set(int node, double key, int rank) {
    if (Double.isNaN(key)) {
      throw new IllegalArgumentException("key of node " + node + " is NaN");
    }
    double k = key + 0.0; // -0.0 and 0.0 are one level
    int l = levelOf[node];
    if (l >= 0) {
      if (levelKey[l] == k && levelRank[l] == rank) {
        return;
      }
      remove(node);
    }
    l = levelFor(k, rank);
    if (members[l] == null) {
      members[l] = new int[4];
    } else if (count[l] == members[l].length) {
      members[l] = Arrays.copyOf(members[l], count[l] * 2);
    }
    members[l][count[l]] = node;
    posOf[node] = count[l]++;
    levelOf[node] = l;
  }

  /** Takes {@code node} out; nothing happens when it is absent. */
  void remove(int node) {
    int l = levelOf[node];
    if (l < 0) {
      return;
    }
    int p = posOf[node];
    int last = members[l][--count[l]];
    members[l][p] = last;
    posOf[last] = p;
    levelOf[node] = -1;
    if (count[l] == 0) {
      heap.remove(l);
      unmap(levelKey[l], levelRank[l]);
      free[freeCount++] = l;
    }
  }

  /** The level of (key, rank), made when there is none. */
  private int levelFor(double key, int rank) {
    long bits = Double.doubleToLongBits(key);
    int s = slot(bits, rank);
    while (slotBits[s] != EMPTY) {
      if (slotBits[s] == bits && slotRank[s] == rank) {
        return slotLevel[s];
      }
      s = (s + 1) & mask;
    }
    int l = free[--freeCount];
    levelKey[l] = key;
    levelRank[l] = rank;
    slotBits[s] = bits;
    slotRank[s] = rank;
    slotLevel[s] = l;
    heap.set(l, key, rank);
    return l;
  }

  /** Deletes (key, rank) from the table, shifting later entries of its run back. */
  private void unmap(double key, int rank) {
    long bits = Double.doubleToLongBits(key);
    int s = slot(bits, rank);
    while (slotBits[s] != bits || slotRank[s] != rank) {
      s = (s + 1) & mask;
    }
    int hole = s;
    for (int t = (s + 1) & mask; slotBits[t] != EMPTY; t = (t + 1) & mask) {
      int home = slot(slotBits[t], slotRank[t]);
      // t's entry may move to the hole when its home is not cyclically in (hole, t]
      boolean stays = hole <= t ? hole < home && home <= t : hole < home || home <= t;
      if (!stays) {
        slotBits[hole] = slotBits[t];
        slotRank[hole] = slotRank[t];
        slotLevel[hole] = slotLevel[t];
        hole = t;
      }
    }
    slotBits[hole] = EMPTY;
  }

  private int slot(long bits, int rank) {
    long h = (bits ^ (rank * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 31)) & mask;
  }
}
