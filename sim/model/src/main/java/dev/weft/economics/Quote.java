package dev.weft.economics;

/**
 * A job's fee in tokens, filled by a {@link FeePolicy}: the charge that is split between
 * burning and the reward pool, and a tip paid straight to the operator. Reused across jobs.
 */
public final class Quote {
  /** Tokens charged, burned in part and pooled in part. */
  public double charge;
  /** Share of {@link #charge} burned. */
  public double burnShare;
  /** Tokens paid straight to the operator. */
  public double tip;
  /**
   * In: the job's second price from the auction that placed it (fiat per GPU-hour; infinity
   * when nobody else bid, NaN when no auction placed it). What a second-price rule pays.
   */
  public double secondBid = Double.NaN;

  void clear() {
    charge = 0;
    burnShare = 0;
    tip = 0;
    secondBid = Double.NaN;
  }
}
