package dev.weft.economics;

/**
 * The economy's cumulative figures where the measured window opens (the end of warm-up), so the
 * summary's flows (returns, slashing, jobs, issuance) count only what happened inside the
 * window, as the job and network statistics do. Before any warm-up ends it is the genesis
 * state: the window is then the whole run. States at the end (price, stake, supply) need no
 * window; the price and each operator's own stake at the opening value the capital of returns.
 * Opened at time 0 before anything happened, it is the genesis state.
 */
final class Window {
  final double start;
  /**
   * Where the window's issuance is counted from: the last epoch end at or before the opening,
   * since emission is minted at epoch ends for the epoch just gone.
   */
  final double issuanceStart;
  final long issuanceSupply;
  final long issuanceMinted;
  final long issuanceBurns;
  final double price;
  final long supply;
  final long slashBurned;
  final double[] revenueFiat;
  final double[] costFiat;
  final double[] slashFiat;
  final long[] tokensEarned;
  final long[] tokensSlashed;
  final double[] presentSeconds;
  final double[] targetPresentUnits;
  final double[] fiatPricedFiat;
  final long[] tokenPricedUnits;
  final double[] jailedSeconds;
  final long[][] slashedByOperatorAndCause;
  /**
   * Each operator's own bonded stake at the opening, in base units: s_o(W), which a change at
   * the opening's instant still moves ({@link StakeHistory#track}).
   */
  final long[] ownStake;
  /** Unit-seconds under each operator's own stake from 0 to the opening. */
  final double[] stakeSeconds;
  /** The least own stake each operator has held since the opening ({@link StakeHistory#least}). */
  final long[] stakeMin;
  final long[] slashedByCause;
  final long slashEvents;
  final long jailings;
  final int joins;
  final int leaves;

  private Window(double start, Books b, Penalties pen, Membership members,
      IssuanceRate issuance) {
    Operators ops = b.ops;
    this.start = start;
    issuanceStart = issuance.lastEnd();
    issuanceSupply = issuance.supplyAtLastEnd();
    issuanceMinted = issuance.mintedAtLastEnd();
    issuanceBurns = issuance.recurringBurnsAtLastEnd();
    price = b.price;
    supply = b.ledger.supply();
    slashBurned = b.ledger.flow(Cause.SLASH_BURN);
    revenueFiat = ops.revenueFiat.clone();
    costFiat = ops.costFiat.clone();
    slashFiat = ops.slashFiat.clone();
    tokensEarned = ops.tokensEarned.clone();
    tokensSlashed = ops.tokensSlashed.clone();
    presentSeconds = ops.presentSeconds.clone();
    targetPresentUnits = ops.targetPresentUnits.clone();
    fiatPricedFiat = ops.fiatPricedFiat.clone();
    tokenPricedUnits = ops.tokenPricedUnits.clone();
    jailedSeconds = new double[ops.n];
    for (int o = 0; o < ops.n; o++) {
      jailedSeconds[o] = ops.jailedSecondsAt(o, start);
    }
    slashedByOperatorAndCause = new long[Cause.values().length][];
    for (Cause c : Cause.values()) {
      long[] by = ops.slashedByCause[c.ordinal()];
      slashedByOperatorAndCause[c.ordinal()] = by == null ? null : by.clone();
    }
    ownStake = new long[ops.n];
    for (int o = 0; o < ops.n; o++) {
      ownStake[o] = b.ledger.balance(Accounts.bonded(o));
    }
    stakeSeconds = b.stakeHistory.secondsAt(start);
    stakeMin = b.stakeHistory.track(start, ownStake);
    slashedByCause = pen.slashedByCause.clone();
    slashEvents = pen.slashEvents;
    jailings = pen.jailings;
    joins = members.joins;
    leaves = members.leaves;
  }

  /**
   * The window opening at {@code now}: every operator's time-based costs are accrued to now
   * first, so the costs before and after the opening are split exactly there; {@code issuance}
   * knows the last epoch end.
   */
  static Window openAt(double now, Books b, Penalties pen, Membership members,
      IssuanceRate issuance) {
    for (int o = 0; o < b.ops.n; o++) {
      b.ops.accrue(o, now);
    }
    return new Window(now, b, pen, members, issuance);
  }
}
