package dev.weft.economics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Each operator's own bonded stake over time, as a step function s_o(t) that changes at the
 * ledger's transfers in or out of the bonded account (a bond, re-bond, unbond or slash) and
 * holds between them. Keeps, per operator, the area under s_o from 0 to its last change, so
 * the time-weighted mean over any window is two lookups ({@link #secondsAt}); and, for each
 * window asked to {@link #track} it, the least value held inside it. Memory is per operator,
 * not per change: a year-long run costs what a day does. A {@link StakeListener} hears every
 * change as it happens, for a change log.
 *
 * <p>The least value counts values held for a positive time inside the window, and the value
 * at its end: a slash and the top-up that restores the stake at the same instant never shows,
 * since s_o (right-continuous) never takes the value in between.
 */
final class StakeHistory implements Ledger.Watch {
  private final double unitsPerToken;
  private final long[] last;
  private final double[] since;
  /** Unit-seconds under s_o over [0, since[o]]. */
  private final double[] area;
  private final List<Tracked> windows = new ArrayList<>(3);
  private StakeListener listener = StakeListener.NONE;

  /** The history of {@code operators} operators, from their bonded balances in the ledger now. */
  StakeHistory(Ledger ledger, int operators, double unitsPerToken) {
    this.unitsPerToken = unitsPerToken;
    last = new long[operators];
    since = new double[operators];
    area = new double[operators];
    boolean[] bonded = new boolean[ledger.accounts()];
    for (int o = 0; o < operators; o++) {
      last[o] = ledger.balance(Accounts.bonded(o));
      bonded[Accounts.bonded(o)] = true;
    }
    ledger.watch(bonded, this);
  }

  @Override
  public void changed(int account, long balance, Cause cause, double now) {
    int o = (account - Accounts.SYSTEM) / 4;
    if (now > since[o]) {
      area[o] += last[o] * (now - since[o]);
      for (Tracked w : windows) {
        if (now > w.start) { // the old value was held inside that window
          w.min[o] = Math.min(w.min[o], last[o]);
        }
      }
      since[o] = now;
    }
    last[o] = balance;
    for (Tracked w : windows) {
      if (now == w.start) { // s_o is right-continuous: its value at the opening
        w.atStart[o] = balance;
      }
    }
    listener.stakeChanged(now, o, balance / unitsPerToken, id(cause));
  }

  /** Unit-seconds under {@code o}'s stake over [0, t], t at or after its last change. */
  double secondsAt(int o, double t) {
    return area[o] + last[o] * (t - since[o]);
  }

  /** The area under every operator's stake from 0 to {@code t} ({@link #secondsAt}). */
  double[] secondsAt(double t) {
    double[] s = new double[last.length];
    for (int o = 0; o < s.length; o++) {
      s[o] = secondsAt(o, t);
    }
    return s;
  }

  /**
   * Starts keeping the least value each operator's stake holds from {@code start} on; read it
   * with {@link #least}. {@code atStart} (each operator's stake when the window opened) is
   * kept equal to s_o(start): a change later at the same instant moves it too. A run tracks
   * at most a few windows (genesis, warm-up, first epoch end).
   */
  long[] track(double start, long[] atStart) {
    long[] min = new long[last.length];
    Arrays.fill(min, Long.MAX_VALUE);
    windows.add(new Tracked(start, min, atStart));
    return min;
  }

  /** A window's opening, the least value of each stake since, and each stake at the opening. */
  private record Tracked(double start, long[] min, long[] atStart) {}

  /** The least stake of {@code o} in units over a window tracked as {@code min}, ending now. */
  long least(long[] min, int o) {
    return Math.min(min[o], last[o]);
  }

  /**
   * Tells {@code l} of every change from now on, first of each operator's balance at {@code now}
   * (cause {@link StakeListener#START}), so its log starts complete.
   */
  void listen(StakeListener l, double now) {
    listener = l == null ? StakeListener.NONE : l;
    for (int o = 0; o < last.length; o++) {
      listener.stakeChanged(now, o, last[o] / unitsPerToken, StakeListener.START);
    }
  }

  private static String id(Cause c) {
    return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
