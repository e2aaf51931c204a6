package dev.weft.economics;

import java.util.Arrays;

/**
 * Bonding and unbonding. Unbonding stake stays in escrow, still slashable, for the unbonding
 * period and only then becomes liquid; the queue is kept in order of maturity (first-in
 * first-out while the period stays the same; an entry queued after a governance upgrade
 * shortened the period moves ahead of older ones, which keep their due time, as in the Cosmos
 * SDK where a new unbonding time applies to new unbondings only). Operators keep their bonded
 * stake at its target, topping up from liquid tokens and buying the rest from the market
 * (capital, not an operating cost).
 */
final class Stakes {
  private final Books b;
  private double period;
  private double[] due = new double[16];
  private int[] op = new int[16];
  private long[] amount = new long[16];
  private int head;
  private int tail;
  double capitalFiat;
  /** Units of the last {@link #take} that came from the operator's own stake. */
  long lastOwn;

  Stakes(Books books, double unbondingPeriod) {
    this.b = books;
    this.period = unbondingPeriod;
  }

  /** Starts unbonding all of {@code o}'s own bonded stake. */
  void unbondAll(int o, double now) {
    long units = b.ledger.balance(Accounts.bonded(o));
    if (units == 0) {
      return;
    }
    b.ledger.transfer(Accounts.bonded(o), Accounts.unbonding(o), units, Cause.UNBOND, now);
    if (tail == due.length) {
      compact();
    }
    due[tail] = now + period;
    op[tail] = o;
    amount[tail++] = units;
    // keep the queue in order of maturity: only after a shortened period does this move
    for (int i = tail - 1; i > head && due[i - 1] > due[i]; i--) {
      swap(i - 1, i);
    }
    b.refresh(o);
  }

  private void swap(int i, int j) {
    double d = due[i];
    due[i] = due[j];
    due[j] = d;
    int x = op[i];
    op[i] = op[j];
    op[j] = x;
    long a = amount[i];
    amount[i] = amount[j];
    amount[j] = a;
  }

  /** Unbondings started from now on take {@code seconds}; those queued keep their due time. */
  void useUnbonding(double seconds) {
    period = seconds;
  }

  /**
   * A governance upgrade sets the minimum own stake to {@code units} at {@code now}: every
   * operator's target rises to it (targets never fall: a lower minimum asks nobody to unbond),
   * operators in the network and not jailed top up at once, as they would ahead of an
   * activation announced in advance (a jailed one tops up on release, as always), and every
   * operator's activity is re-derived against the new minimum.
   */
  void useMinimum(long units, double now) {
    b.minimumStake = units;
    for (int o = 0; o < b.ops.n; o++) {
      b.ops.accrue(o, now); // the old target's presence is counted up to now
      if (units > b.ops.targetStake[o]) {
        b.ops.targetsMoved = true;
      }
      b.ops.targetStake[o] = Math.max(b.ops.targetStake[o], units);
      if (b.ops.participating[o] && !b.ops.jailed[o]) {
        topUp(o, now);
      }
      b.refresh(o);
    }
  }

  /** When the earliest unbonding entry matures; infinity when none is queued. */
  double nextDue() {
    return head < tail ? due[head] : Double.POSITIVE_INFINITY;
  }

  /**
   * Releases matured unbonding entries, each capped by what is left in the operator's unbonding
   * account, so a slash of unbonding stake falls on the entries that mature last.
   */
  void mature(double now) {
    while (head < tail && due[head] <= now) {
      int o = op[head];
      long left = b.ledger.balance(Accounts.unbonding(o));
      b.ledger.transfer(Accounts.unbonding(o), Accounts.liquid(o),
          Math.min(amount[head], left), Cause.WITHDRAW, due[head]);
      head++;
    }
  }

  /** Restores {@code o}'s bonded stake to its target: unbonding first, then liquid, then buys. */
  void topUp(int o, double now) {
    long need = b.ops.targetStake[o] - b.ledger.balance(Accounts.bonded(o));
    if (need <= 0) {
      return;
    }
    long back = Math.min(need, b.ledger.balance(Accounts.unbonding(o)));
    b.ledger.transfer(Accounts.unbonding(o), Accounts.bonded(o), back, Cause.REBOND, now);
    cancel(o, back);
    need -= back;
    long buy = Math.min(Math.max(0, need - b.ledger.balance(Accounts.liquid(o))),
        b.ledger.balance(Accounts.MARKET));
    if (buy > 0) {
      b.ledger.transfer(Accounts.MARKET, Accounts.liquid(o), buy, Cause.PURCHASE, now);
      capitalFiat += b.fiat(buy);
    }
    long bond = Math.min(need, b.ledger.balance(Accounts.liquid(o)));
    b.ledger.transfer(Accounts.liquid(o), Accounts.bonded(o), bond, Cause.BOND, now);
    b.refresh(o);
  }

  /**
   * Removes {@code units} from {@code o}'s queued entries, latest-maturing first (the newest,
   * unless a shortened period let a newer entry overtake older ones), so that what an entry
   * releases at maturity never includes stake re-bonded since (Σ entries stays at or above the
   * unbonding balance). A scan of the queue: only on re-bonding, which is rare.
   */
  private void cancel(int o, long units) {
    for (int i = tail - 1; i >= head && units > 0; i--) {
      if (op[i] == o) {
        long take = Math.min(amount[i], units);
        amount[i] -= take;
        units -= take;
      }
    }
  }

  /**
   * Takes up to {@code units} from {@code o}'s stake into the slash escrow: bonded and delegated
   * pro rata (delegators share the penalty, as in Cosmos), then unbonding. Returns the units
   * taken; {@link #lastOwn} says how many of them were the operator's own.
   */
  long take(int o, long units, Cause cause, double now) {
    long bonded = b.ledger.balance(Accounts.bonded(o));
    long del = b.ledger.balance(Accounts.delegated(o));
    long unb = b.ledger.balance(Accounts.unbonding(o));
    long total = Math.min(units, bonded + del + unb);
    long fromBd = Math.min(total, bonded + del);
    long fromDel = bonded + del == 0 ? 0
        : (long) Math.floor(fromBd * (del / (double) (bonded + del)));
    fromDel = Math.min(del, Math.max(fromDel, fromBd - bonded));
    long fromBonded = fromBd - fromDel;
    long fromUnb = total - fromBd;
    b.ledger.transfer(Accounts.bonded(o), Accounts.SLASH_ESCROW, fromBonded, cause, now);
    b.ledger.transfer(Accounts.delegated(o), Accounts.SLASH_ESCROW, fromDel, cause, now);
    b.ledger.transfer(Accounts.unbonding(o), Accounts.SLASH_ESCROW, fromUnb, cause, now);
    b.refresh(o);
    lastOwn = fromBonded + fromUnb;
    return total;
  }

  private void compact() {
    int live = tail - head;
    if (live * 2 > due.length) {
      due = Arrays.copyOf(due, due.length * 2);
      op = Arrays.copyOf(op, op.length * 2);
      amount = Arrays.copyOf(amount, amount.length * 2);
    }
    System.arraycopy(due, head, due, 0, live);
    System.arraycopy(op, head, op, 0, live);
    System.arraycopy(amount, head, amount, 0, live);
    head = 0;
    tail = live;
  }
}
