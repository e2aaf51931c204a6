package dev.weft.economics;

/**
 * Render-style burn-and-mint equilibrium: users burn tokens worth the fiat price of the work,
 * and operators are paid only from emission (pair with a constant schedule). Supply settles
 * where the tokens burned for work equal those minted, so the token price follows demand.
 */
public final class BurnMintFees implements FeePolicy {
  @Override
  public void quote(int operator, double gpuSeconds, double fiatValue, double tokenPrice,
      Quote out) {
    out.charge = fiatValue / tokenPrice;
    out.burnShare = 1;
    out.tip = 0;
  }
}
