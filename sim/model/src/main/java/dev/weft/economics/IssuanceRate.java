package dev.weft.economics;

/**
 * Net issuance of the last completed epoch, annualized: (minted − recurring burns) / supply at
 * the epoch's start × year / epoch length, where recurring burns are every burn but slashed
 * stake (a one-off event, METRICS.md). Emission is minted at epoch ends, so an epoch is the
 * shortest span over which the rate is steady; the time series reports this figure.
 */
final class IssuanceRate {
  private final Ledger ledger;
  private double lastEnd;
  private long supply = -1; // the initial supply until the first epoch ends
  private long minted;
  private long recurringBurns;
  private double rate;

  IssuanceRate(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Burns other than slashed stake, in base units so far. */
  static long recurringBurns(Ledger l) {
    return l.burned() - l.flow(Cause.SLASH_BURN);
  }

  /** The epoch that began at the last call (or at 0) ended at {@code now}. */
  void epochEnded(Ledger l, double now) {
    double dt = now - lastEnd;
    if (dt <= 0) {
      return;
    }
    long burns = recurringBurns(l);
    rate = annualized(l.minted() - minted - (burns - recurringBurns), supplyAtLastEnd(), dt);
    lastEnd = now;
    supply = l.supply();
    minted = l.minted();
    recurringBurns = burns;
  }

  /** The last completed epoch's annualized net issuance; 0 before the first epoch ends. */
  double rate() {
    return rate;
  }

  /** {@code net} units issued on {@code supply} over {@code seconds}, per year; 0 if undefined. */
  static double annualized(long net, long supply, double seconds) {
    return supply > 0 && seconds > 0 ? net / (double) supply * EmissionPolicy.YEAR / seconds
        : 0;
  }

  /** When the last epoch ended: the window's issuance is counted from there. */
  double lastEnd() {
    return lastEnd;
  }

  long supplyAtLastEnd() {
    return supply < 0 ? ledger.initial() : supply;
  }

  long mintedAtLastEnd() {
    return minted;
  }

  long recurringBurnsAtLastEnd() {
    return recurringBurns;
  }
}
