package dev.weft.scheduling;

import dev.weft.node.Node;

/**
 * What the token economy tells placement about a node. A run without economics passes
 * {@link #NONE}, so policies never check for a missing economy.
 */
public interface Market {

  /** No economy: every node weighs the same and bids nothing. */
  Market NONE = new Market() {
    @Override
    public double selectionWeight(Node n) {
      return 1.0;
    }

    @Override
    public double bid(Node n) {
      return 0.0;
    }
  };

  /** Relative weight of {@code n} in stake-weighted selection (bonded plus delegated stake). */
  double selectionWeight(Node n);

  /** What {@code n} asks per GPU-hour in a reverse auction. */
  double bid(Node n);
}
