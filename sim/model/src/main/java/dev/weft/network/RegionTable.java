package dev.weft.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Region ids and the symmetric round-trip time between every pair, in seconds; the diagonal is
 * the round trip between two machines of the same region. Immutable.
 */
public final class RegionTable {
  private final List<String> ids;
  private final Map<String, Integer> index = new HashMap<>();
  private final double[][] rtt;

  /** {@code rttSeconds} must be square, symmetric, finite and non-negative. */
  public RegionTable(List<String> ids, double[][] rttSeconds) {
    this.ids = List.copyOf(ids);
    int n = this.ids.size();
    if (n == 0) {
      throw new IllegalArgumentException("a region table needs at least one region");
    }
    if (rttSeconds.length != n) {
      throw new IllegalArgumentException(n + " regions but " + rttSeconds.length + " matrix rows");
    }
    rtt = new double[n][];
    for (int i = 0; i < n; i++) {
      if (index.put(this.ids.get(i), i) != null) {
        throw new IllegalArgumentException("region '" + this.ids.get(i) + "' is listed twice");
      }
      if (rttSeconds[i].length != n) {
        throw new IllegalArgumentException("row " + this.ids.get(i) + " has "
            + rttSeconds[i].length + " values, expected " + n);
      }
      rtt[i] = rttSeconds[i].clone();
      for (double v : rtt[i]) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("row " + this.ids.get(i) + " has the RTT " + v);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (rtt[i][j] != rtt[j][i]) {
          throw new IllegalArgumentException("RTT " + this.ids.get(i) + "-" + this.ids.get(j)
              + " is " + rtt[i][j] + " one way and " + rtt[j][i] + " the other");
        }
      }
    }
  }

  public int size() {
    return ids.size();
  }

  public List<String> ids() {
    return ids;
  }

  public String id(int region) {
    return ids.get(region);
  }

  /** Index of {@code id}; throws IllegalArgumentException naming the known ids. */
  public int index(String id) {
    Integer i = index.get(id);
    if (i == null) {
      throw new IllegalArgumentException("unknown region '" + id + "'; known: "
          + String.join(", ", ids));
    }
    return i;
  }

  public boolean contains(String id) {
    return index.containsKey(id);
  }

  /** Round-trip time in seconds. */
  public double rtt(int a, int b) {
    return rtt[a][b];
  }

  /** A copy of the matrix, in seconds. */
  public double[][] matrix() {
    double[][] copy = new double[rtt.length][];
    for (int i = 0; i < rtt.length; i++) {
      copy[i] = rtt[i].clone();
    }
    return copy;
  }

  /** The table restricted to {@code keep}, in that order. */
  public RegionTable subset(List<String> keep) {
    List<String> out = new ArrayList<>(keep);
    double[][] m = new double[out.size()][out.size()];
    for (int i = 0; i < out.size(); i++) {
      for (int j = 0; j < out.size(); j++) {
        m[i][j] = rtt[index(out.get(i))][index(out.get(j))];
      }
    }
    return new RegionTable(out, m);
  }
}
