package dev.weft.scheduling;

import dev.weft.node.Node;

/**
 * Where nodes are and how far apart regions are, as placement sees it. A run without a network
 * passes {@link #NONE}: one region, no distance.
 */
public interface Geography {

  /** No network: every node in region 0, every round trip free. */
  Geography NONE = new Geography() {
    @Override
    public int regionCount() {
      return 1;
    }

    @Override
    public int regionOf(Node n) {
      return 0;
    }

    @Override
    public double rtt(int a, int b) {
      return 0;
    }
  };

  /** Number of network regions. */
  int regionCount();

  /** Region index of {@code n}, 0 <= index < regionCount(). */
  int regionOf(Node n);

  /**
   * Round-trip time from region {@code a} to region {@code b}, seconds; infinite when a fault
   * cuts the path, so a probing policy routes around it.
   */
  double rtt(int a, int b);
}
