package dev.weft.economics;

/**
 * Double-entry token accounts in fixed-point base units ({@code long}; one unit is
 * 10<sup>-decimals</sup> token, as ERC-20 balances are integers of wei). Integers rather than
 * doubles because conservation must hold exactly: with doubles a 0.0005-token fee added to a
 * 10<sup>8</sup>-token treasury loses about a tenth of itself, and Kahan summation repairs sums,
 * not balances. Every movement is a transfer with a {@link Cause}; minting and burning are the
 * only ways supply changes, and both are counted.
 *
 * <p>Invariants, checked by {@link #checkInvariants}: initial + minted − burned = supply = Σ
 * balances, and no balance is ever negative (a transfer that would overdraw throws at once).
 */
public final class Ledger {
  private final long[] balance;
  private final long[] flowByCause = new long[Cause.values().length];
  private long initial;
  private long minted;
  private long burned;
  private long supply;
  private boolean open = true;
  /** Accounts whose every balance change {@link #watch} is told of; null: none. */
  private boolean[] watched;
  private Watch watch;

  public Ledger(int accounts) {
    balance = new long[accounts];
  }

  public int accounts() {
    return balance.length;
  }

  /** Genesis allocation: part of the initial supply, allowed only before the first transfer. */
  public void genesis(int account, long units) {
    if (!open) {
      throw new IllegalStateException("genesis allocations must precede every transfer");
    }
    requireNonNegative(units, account, 0);
    balance[account] = addExact(balance[account], units, account, 0);
    initial = addExact(initial, units, account, 0);
    supply = initial;
  }

  /** Moves {@code units} from one account to another. */
  public void transfer(int from, int to, long units, Cause cause, double now) {
    requireNonNegative(units, from, now);
    if (units == 0) {
      return;
    }
    open = false;
    long b = balance[from];
    if (b < units) {
      throw new InvariantViolation("no negative balance", now, Accounts.name(from),
          "transfer of " + units + " units (" + cause + ") to " + Accounts.name(to)
              + " exceeds the balance " + b);
    }
    balance[from] = b - units;
    balance[to] += units;
    flowByCause[cause.ordinal()] += units;
    if (watched != null) {
      told(from, cause, now);
      told(to, cause, now);
    }
  }

  /** Creates {@code units} new tokens in {@code to}. */
  public void mint(int to, long units, Cause cause, double now) {
    requireNonNegative(units, to, now);
    open = false;
    minted = addExact(minted, units, to, now);
    supply = addExact(supply, units, to, now);
    balance[to] += units;
    flowByCause[cause.ordinal()] += units;
    if (watched != null) {
      told(to, cause, now);
    }
  }

  /** Destroys {@code units} tokens held by {@code from}. */
  public void burn(int from, long units, Cause cause, double now) {
    requireNonNegative(units, from, now);
    if (units == 0) {
      return;
    }
    open = false;
    long b = balance[from];
    if (b < units) {
      throw new InvariantViolation("no negative balance", now, Accounts.name(from),
          "burn of " + units + " units (" + cause + ") exceeds the balance " + b);
    }
    balance[from] = b - units;
    burned += units;
    supply -= units;
    flowByCause[cause.ordinal()] += units;
    if (watched != null) {
      told(from, cause, now);
    }
  }

  /**
   * From now on tells {@code w} of every change of the accounts for which {@code accounts} is
   * true, after the change: one watcher, which a later call replaces. A lookup per transfer
   * rather than a listener on every account, because transfers are the economy's hot path.
   */
  void watch(boolean[] accounts, Watch w) {
    watched = accounts.clone();
    watch = w;
  }

  private void told(int account, Cause cause, double now) {
    if (watched[account]) {
      watch.changed(account, balance[account], cause, now);
    }
  }

  /** Hears the balance changes of watched accounts. */
  @FunctionalInterface
  interface Watch {
    /** {@code account} now holds {@code balance} units, moved by {@code cause} at {@code now}. */
    void changed(int account, long balance, Cause cause, double now);
  }

  public long balance(int account) {
    return balance[account];
  }

  public long initial() {
    return initial;
  }

  public long minted() {
    return minted;
  }

  public long burned() {
    return burned;
  }

  /** initial + minted − burned. */
  public long supply() {
    return supply;
  }

  /** Units moved, minted or burned with {@code cause} so far. */
  public long flow(Cause cause) {
    return flowByCause[cause.ordinal()];
  }

  /** Throws {@link InvariantViolation} naming the first broken invariant and account. */
  public void checkInvariants(double now) {
    if (initial + minted - burned != supply) {
      throw new InvariantViolation("initial + minted - burned = supply", now, "the ledger",
          initial + " + " + minted + " - " + burned + " != " + supply);
    }
    long sum = 0;
    for (int a = 0; a < balance.length; a++) {
      if (balance[a] < 0) {
        throw new InvariantViolation("no negative balance", now, Accounts.name(a),
            "balance " + balance[a]);
      }
      sum += balance[a];
    }
    if (sum != supply) {
      throw new InvariantViolation("supply = sum of balances", now, "the ledger",
          "sum of balances " + sum + " != supply " + supply + " (difference " + (sum - supply)
              + " units)");
    }
    long mintedByCause = flowByCause[Cause.EMISSION.ordinal()];
    if (mintedByCause != minted) {
      throw new InvariantViolation("minted = emission", now, "the ledger",
          "minted " + minted + " but emission recorded " + mintedByCause);
    }
  }

  private static void requireNonNegative(long units, int account, double now) {
    if (units < 0) {
      throw new InvariantViolation("amounts are non-negative", now, Accounts.name(account),
          "amount " + units);
    }
  }

  private static long addExact(long a, long b, int account, double now) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      throw new InvariantViolation("supply fits in 64-bit base units", now,
          Accounts.name(account), a + " + " + b + " overflows; lower token.decimals");
    }
    return r;
  }
}
