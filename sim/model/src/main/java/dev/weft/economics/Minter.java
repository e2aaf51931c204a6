package dev.weft.economics;

/**
 * Mints each epoch's emission into the reward pool. The schedule's amounts are summed in tokens
 * with Kahan compensation and the rounded cumulative sum is what has been minted, so rounding to
 * base units never drifts however many epochs pass; nothing is minted past the maximum supply.
 */
final class Minter {
  private final Books books;
  private EmissionPolicy policy;
  private double maxSupplyUnits;
  private double target;
  private double compensation;
  private long minted;

  /** {@code maxSupplyUnits}: the cap in base units (infinite: none). */
  Minter(Books books, EmissionPolicy policy, double maxSupplyUnits) {
    this.books = books;
    this.policy = policy;
    this.maxSupplyUnits = maxSupplyUnits;
  }

  /**
   * From the next epoch on, mints by {@code next} up to {@code maxSupplyUnits}; the running
   * sum and what was minted carry over, so rounding still never drifts.
   */
  void use(EmissionPolicy next, double maxSupplyUnits) {
    next.carryOver(policy);
    this.policy = next;
    this.maxSupplyUnits = maxSupplyUnits;
  }

  /** Mints the schedule's emission over the epoch [{@code from}, {@code to}] at {@code to}. */
  void mint(double from, double to) {
    Ledger ledger = books.ledger;
    long supply = ledger.supply();
    double ratio = supply > 0 ? books.totalStake() / (double) supply : 0;
    double amount = policy.amount(from, to, books.tokens(supply), ratio);
    double y = amount - compensation;
    double sum = target + y;
    compensation = (sum - target) - y;
    target = sum;
    long mint = books.units(target) - minted;
    mint = (long) Math.min(mint, Math.max(0, maxSupplyUnits - supply));
    if (mint > 0) {
      ledger.mint(Accounts.REWARD_POOL, mint, Cause.EMISSION, to);
      minted += mint;
    }
  }
}
