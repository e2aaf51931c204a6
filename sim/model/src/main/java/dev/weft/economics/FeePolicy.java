package dev.weft.economics;

/**
 * How a completed job is priced in tokens. Prices are set in fiat (per GPU-hour, per 1k output
 * tokens) and converted at the current token price, except where the policy keeps its own
 * token-denominated price (the EIP-1559 base fee).
 */
public interface FeePolicy {

  /** Called once with the operators the policy may read. */
  default void attach(OperatorView operators) {}

  /**
   * Fills {@code out} for {@code gpuSeconds} of work by {@code operator} whose list price is
   * {@code fiatValue}, at token price {@code tokenPrice}.
   */
  void quote(int operator, double gpuSeconds, double fiatValue, double tokenPrice, Quote out);

  /**
   * End of an epoch (a fee round) in which {@code utilization} of the serving capacity was in
   * use: time-averaged, GPU-weighted, each node's share being the binding one of its batch
   * limits (sequences, KV cache) or its busy slots over slots; 0 to 1. See METRICS.md.
   */
  default void endEpoch(double utilization) {}

  /**
   * Whether the unburned charge is the operator's own payment, paid straight to it at the
   * verdict (an auction's price), rather than pooled and shared by the reward split.
   */
  default boolean paysWinner() {
    return false;
  }

  /** The set of active operators changed (auction bids). */
  default void operatorsChanged() {}

  /** The operator's bid in fiat per GPU-hour where the policy is an auction, else NaN. */
  default double bid(int operator) {
    return Double.NaN;
  }

  /** The current base fee in tokens per GPU-hour where the policy has one, else NaN. */
  default double baseFee() {
    return Double.NaN;
  }
}
