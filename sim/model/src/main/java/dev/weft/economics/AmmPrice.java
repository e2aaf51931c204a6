package dev.weft.economics;

/**
 * An endogenous price: a constant-product market maker (Uniswap v2 style) between the token and
 * fiat, x·y = k, whose price y/x moves with the trades the economy makes with the market:
 * submitters buying tokens to pay fees (and so to burn them), operators buying stake and
 * selling what they earn (emission reaches the market this way). Demand for work raises the
 * price and selling pressure lowers it, so under burn-and-mint the price follows demand.
 *
 * <p>Trades inside an epoch clear at the epoch's price; at its end the net is settled against
 * the pool: a net purchase of Δ tokens brings Δ·p of fiat in (y grows by it, x = k/y), a net
 * sale puts Δ tokens in (x grows, y = k/x). The pool is the price's state, not a ledger
 * account: tokens change hands with the market account as before, so conservation is
 * untouched, and settling in fiat means a purchase never drains the pool.
 */
public final class AmmPrice implements PriceModel {
  private final double k;
  private double tokens;
  private double fiat;
  private double lastBought;
  private double lastSold;

  /** A pool of {@code liquidity} tokens at price {@code start} (so y = liquidity·start). */
  public AmmPrice(double start, double liquidity) {
    if (!(start > 0) || !(liquidity > 0)) {
      throw new IllegalArgumentException("an amm pool needs a positive price and liquidity");
    }
    this.tokens = liquidity;
    this.fiat = liquidity * start;
    this.k = tokens * fiat;
  }

  @Override
  public double advance(double now) {
    return price();
  }

  @Override
  public double advance(double now, double boughtTotal, double soldTotal) {
    double net = (boughtTotal - lastBought) - (soldTotal - lastSold);
    lastBought = boughtTotal;
    lastSold = soldTotal;
    if (net > 0) {
      fiat += net * price();
      tokens = k / fiat;
    } else if (net < 0) {
      tokens -= net;
      fiat = k / tokens;
    }
    return price();
  }

  @Override
  public double price() {
    return fiat / tokens;
  }
}
