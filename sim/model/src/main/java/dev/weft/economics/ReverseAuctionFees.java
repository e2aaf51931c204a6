package dev.weft.economics;

import java.util.Arrays;

/**
 * An Akash-style reverse auction: each operator bids its full cost per GPU-hour times (1 +
 * markup), the cheapest bidder that can do the job in time wins (the {@code auction} scheduler
 * reads {@link #bid}), and the submitters' list price is the reserve. Pay-as-bid pays the winner
 * its own bid, as on Akash where the tenant accepts a bid; second-price pays the cheapest
 * competing bid of that job's auction (Vickrey: the price it had to beat, which makes bidding
 * one's true cost a dominant strategy), the reserve when nobody competed. Both are capped at
 * the reserve. A share is burned; the rest goes straight to the winner at the verdict, not
 * into the reward pool ({@link #paysWinner}).
 *
 * <p>A job no auction placed (another scheduler, or a job a node pulled from a central queue)
 * has no second price of its own; it pays the next higher active bid, read from a sorted array
 * rebuilt only when the active set changes, so such a quote is a binary search.
 */
public final class ReverseAuctionFees implements FeePolicy {
  private final boolean secondPrice;
  private final double markup;
  private final double reservePerGpuHour;
  private final double burn;
  private OperatorView view;
  private double[] bids = new double[0];
  private double[] activeBids = new double[0];
  private int activeCount;
  private boolean dirty = true;

  public ReverseAuctionFees(boolean secondPrice, double markup, double reservePerGpuHour,
      double burn) {
    this.secondPrice = secondPrice;
    this.markup = markup;
    this.reservePerGpuHour = reservePerGpuHour;
    this.burn = burn;
  }

  @Override
  public void attach(OperatorView operators) {
    this.view = operators;
    bids = new double[operators.operatorCount()];
    for (int i = 0; i < bids.length; i++) {
      bids[i] = operators.costPerGpuHour(i) * (1 + markup);
    }
    activeBids = new double[bids.length];
    dirty = true;
  }

  @Override
  public boolean paysWinner() {
    return true;
  }

  @Override
  public void operatorsChanged() {
    dirty = true;
  }

  @Override
  public double bid(int operator) {
    return bids[operator];
  }

  /**
   * The fiat price per GPU-hour {@code operator} is paid for a job whose auction's second
   * price was {@code secondBid} (NaN: no auction placed it).
   */
  public double clearingPrice(int operator, double secondBid) {
    double own = bids[operator];
    if (!secondPrice) {
      return Math.min(own, reservePerGpuHour);
    }
    if (!Double.isNaN(secondBid)) {
      return Math.min(Math.max(own, secondBid), reservePerGpuHour);
    }
    if (dirty) {
      rebuild();
    }
    // the cheapest other active bid at or above our own (a tie pays our bid); none: reserve
    int lo = 0;
    int hi = activeCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (activeBids[mid] < own) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int next = view.isActive(operator) ? lo + 1 : lo;
    double price = next < activeCount ? activeBids[next] : reservePerGpuHour;
    return Math.min(price, reservePerGpuHour);
  }

  @Override
  public void quote(int operator, double gpuSeconds, double fiatValue, double tokenPrice,
      Quote out) {
    out.charge = clearingPrice(operator, out.secondBid) * gpuSeconds / 3600 / tokenPrice;
    out.burnShare = burn;
    out.tip = 0;
  }

  private void rebuild() {
    activeCount = 0;
    for (int i = 0; i < bids.length; i++) {
      if (view.isActive(i)) {
        activeBids[activeCount++] = bids[i];
      }
    }
    Arrays.sort(activeBids, 0, activeCount);
    dirty = false;
  }
}
