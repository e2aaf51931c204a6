package dev.weft.economics;

/**
 * The economy's cumulative figures where the measured window opens (the end of warm-up), so the
 * summary's flows (ROI, slashing, jobs, issuance) count only what happened inside the window,
 * as the job and network statistics do. Before any warm-up ends it is the genesis state: the
 * window is then the whole run. States at the end (price, stake, supply) need no window.
 */
final class Window {
  final double start;
  final long supply;
  final long minted;
  final double[] revenueFiat;
  final double[] costFiat;
  final double[] slashFiat;
  final long[] tokensEarned;
  final long[] tokensSlashed;
  final long[] slashedByCause;
  final long slashEvents;
  final long honestSlashEvents;
  final long jailings;
  final int joins;
  final int leaves;

  private Window(double start, Books b, Penalties pen, Membership members) {
    Operators ops = b.ops;
    this.start = start;
    supply = b.ledger.supply();
    minted = b.ledger.minted();
    revenueFiat = ops.revenueFiat.clone();
    costFiat = ops.costFiat.clone();
    slashFiat = ops.slashFiat.clone();
    tokensEarned = ops.tokensEarned.clone();
    tokensSlashed = ops.tokensSlashed.clone();
    slashedByCause = pen.slashedByCause.clone();
    slashEvents = pen.slashEvents;
    honestSlashEvents = pen.honestSlashEvents;
    jailings = pen.jailings;
    joins = members.joins;
    leaves = members.leaves;
  }

  /** The window opening at genesis (no warm-up): nothing to subtract. */
  static Window genesis(Books b) {
    int n = b.ops.n;
    return new Window(b.ledger.initial(), new double[n], new long[n],
        new long[Cause.values().length]);
  }

  private Window(long initialSupply, double[] zeros, long[] zeroUnits, long[] zeroCauses) {
    start = 0;
    supply = initialSupply;
    minted = 0;
    revenueFiat = zeros;
    costFiat = zeros;
    slashFiat = zeros;
    tokensEarned = zeroUnits;
    tokensSlashed = zeroUnits;
    slashedByCause = zeroCauses;
    slashEvents = honestSlashEvents = jailings = 0;
    joins = leaves = 0;
  }

  /**
   * The window opening at {@code now}: every operator's time-based costs are accrued to now
   * first, so the costs before and after the opening are split exactly there.
   */
  static Window openAt(double now, Books b, Penalties pen, Membership members) {
    for (int o = 0; o < b.ops.n; o++) {
      b.ops.accrue(o, now);
    }
    return new Window(now, b, pen, members);
  }
}
