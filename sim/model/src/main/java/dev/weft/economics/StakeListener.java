package dev.weft.economics;

/**
 * Hears every change of an operator's own bonded stake, for {@code metrics/stake.csv}. Called
 * in the middle of the economy's steps: it may record, but not act on the economy.
 */
@FunctionalInterface
public interface StakeListener {
  /** Hears nothing. */
  StakeListener NONE = (time, operator, tokens, cause) -> { };

  /** What {@link #stakeChanged} names the balances an operator holds when it is attached. */
  String START = "start";

  /**
   * {@code operator}'s own bonded stake is {@code tokens} from {@code time} on, moved there by
   * {@code cause}: {@code bond}, {@code rebond} (back from unbonding), {@code unbond}, a slash
   * ({@code slash-downtime}, {@code slash-deadline}, {@code slash-fraud},
   * {@code slash-correlation}), or {@link #START} for the balance held when the listener was
   * attached.
   */
  void stakeChanged(double time, int operator, double tokens, String cause);
}
