package dev.weft.economics;

import java.util.List;

/**
 * The economics time series: its columns, and one row of the economy's state at a time. The
 * {@code inflation} column is the realized net issuance of the last completed epoch, annualized
 * ({@link IssuanceRate}): the same figure for every emission schedule.
 */
final class Series {
  /** Column names, time excluded (the run puts its own first). */
  static final List<String> COLUMNS = List.of("price", "supply", "minted", "burned",
      "staked", "stakingRatio", "treasury", "activeOperators", "jailedOperators", "baseFee",
      "inflation", "slashed", "feeEscrow", "pendingVerdicts", "circulating",
      "stakingRatioCirculating");

  private final Books books;
  private final Penalties penalties;
  private final Jobs jobs;
  private final IssuanceRate issuance;

  Series(Books books, Penalties penalties, Jobs jobs, IssuanceRate issuance) {
    this.books = books;
    this.penalties = penalties;
    this.jobs = jobs;
    this.issuance = issuance;
  }

  /** The state now, in {@link #COLUMNS} order; a policy figure it does not have reads 0. */
  double[] row() {
    Ledger ledger = books.ledger;
    Operators ops = books.ops;
    long staked = books.totalStake();
    long supply = ledger.supply();
    int jailed = 0;
    for (int o = 0; o < ops.n; o++) {
      jailed += ops.jailed[o] ? 1 : 0;
    }
    long slashed = 0;
    for (long s : penalties.slashedByCause) {
      slashed += s;
    }
    double base = books.fees.baseFee();
    long circulating = SummaryBuilder.circulating(ledger);
    return new double[] {books.price, books.tokens(supply),
        books.tokens(ledger.minted()), books.tokens(ledger.burned()),
        books.tokens(staked), supply > 0 ? staked / (double) supply : 0,
        books.tokens(ledger.balance(Accounts.TREASURY)), books.activeCount, jailed,
        Double.isNaN(base) ? 0 : base, issuance.rate(),
        books.tokens(slashed), books.tokens(ledger.balance(Accounts.FEE_ESCROW)),
        jobs.pending(), books.tokens(circulating),
        circulating > 0 ? staked / (double) circulating : 0};
  }
}
