package dev.weft.economics;

/**
 * How many tokens are minted over an interval. The economy calls {@link #amount} once per
 * epoch, with consecutive intervals, so stateful policies (adaptive inflation) may step there.
 */
public interface EmissionPolicy {

  /** Seconds in a year (365 days) for yearly rates. */
  double YEAR = 365 * 86400.0;

  /** Tokens to mint over [from, to], given the supply and staking ratio at {@code from}. */
  double amount(double from, double to, double supply, double stakingRatio);

  /**
   * Replaces {@code previous} in a governance upgrade: takes over whatever state of it this
   * policy also has (adaptive inflation continues from the rate reached). Nothing by default:
   * the schedules that are functions of time need none.
   */
  default void carryOver(EmissionPolicy previous) {}

  /** The yearly inflation the policy targets now, or NaN where it has none (for reports). */
  default double inflationRate() {
    return Double.NaN;
  }
}
