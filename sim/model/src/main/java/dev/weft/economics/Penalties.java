package dev.weft.economics;

import dev.weft.scenario.SlashingConfig;
import java.util.Arrays;

/**
 * Slashing and jailing. Penalties are fractions of the slashable stake (bonded, delegated and
 * still unbonding), so leaving does not escape a fraud found during the unbonding period. A
 * slash moves stake into the slash escrow, pays the whistleblower's share to the verifier that
 * caught a fraud, and burns the rest or sends it to the treasury. A fraud also queues an
 * Ethereum-style correlation penalty for one window later, computed then over the fraud
 * slashings a window either side of the offence (see {@link CorrelationPenalty}).
 */
final class Penalties {
  private final Books b;
  private final Stakes stakes;
  private SlashingConfig cfg;
  private SlashDestination destination;
  private boolean correlation;
  private double window;
  /**
   * The widest correlation window in force so far: fraud slashings are kept this long either
   * side, so a window widened by an upgrade still finds the history it reaches back to.
   */
  private double keep;

  /** Fraud slashings within {@link #keep} either side: time and stake at the offence. */
  private double[] recTime = new double[16];
  private long[] recStake = new long[16];
  private int recHead;
  private int recTail;
  /** Pending correlation penalties, due one window after the offence (so first-in first-out). */
  private double[] penDue = new double[16];
  private double[] penAt = new double[16];
  private int[] penOp = new int[16];
  private long[] penStake = new long[16];
  private int[] penReporter = new int[16];
  private int penHead;
  private int penTail;

  final long[] slashedByCause = new long[Cause.values().length];
  long slashEvents;
  long frauds;
  long jailings;

  Penalties(Books books, Stakes stakes, SlashingConfig cfg) {
    this.b = books;
    this.stakes = stakes;
    use(cfg, 0);
  }

  /**
   * From {@code now} on, penalties are decided under {@code next} (a governance upgrade): the
   * fractions, jails, destination and whistleblower share of every slash decided from here on,
   * and the correlation window and multiplier of every correlation penalty that falls due from
   * here on. The history of fraud slashings carries over. A penalty pending at the upgrade is
   * re-timed to one new window after its offence (at once when that has passed) and computed
   * then over the slashings within the new window either side of it; with the correlation
   * penalty off after the upgrade, the pending ones are dropped. Jails already served keep
   * their release time.
   */
  void use(SlashingConfig next, double now) {
    this.cfg = next;
    this.destination = SlashDestination.byName(next.destination());
    this.window = next.fraud().correlationWindow();
    this.keep = Math.max(keep, window);
    this.correlation = window > 0 && next.fraud().correlationMultiplier() > 0;
    if (!correlation) {
      penHead = penTail;
    }
    for (int i = penHead; i < penTail; i++) {
      penDue[i] = Math.max(now, penAt[i] + window); // offences in order: still first-in first-out
    }
  }

  /** Epoch availability below which a member is slashed for downtime. */
  double downtimeThreshold() {
    return cfg.downtime().threshold();
  }

  /** The fraction of stake a fraud slash takes at once. */
  double fraudPenalty() {
    return cfg.fraud().penalty();
  }

  /** A result of {@code op} failed verification; {@code reporter} caught it (-1: protocol). */
  void fraud(int op, int reporter, double now) {
    frauds++;
    long before = b.slashable(op);
    slash(op, fraction(before, cfg.fraud().penalty()), Cause.SLASH_FRAUD, reporter, now);
    if (keep > 0) {
      // an offence counts the slashings within a window either side of it: none pending or
      // still to come reaches back before the oldest pending one, or now, less the window
      double oldest = penHead < penTail ? penAt[penHead] : now;
      while (recHead < recTail && recTime[recHead] < oldest - keep) {
        recHead++;
      }
      if (recTail == recTime.length) {
        compactRecords();
      }
      recTime[recTail] = now;
      recStake[recTail++] = before;
    }
    if (correlation) {
      if (penTail == penDue.length) {
        compactPending();
      }
      penDue[penTail] = now + window;
      penAt[penTail] = now;
      penOp[penTail] = op;
      penStake[penTail] = before;
      penReporter[penTail++] = reporter;
    }
    jail(op, cfg.fraud().jail(), now);
  }

  /**
   * {@code op}'s epoch availability fell below the threshold, {@code excessSeconds} offline
   * beyond the allowance: slashed the penalty per hour of them (capped at its whole stake), so
   * the same outages cost the same whatever the epoch length.
   */
  void downtime(int op, double excessSeconds, double now) {
    double share = Math.min(1, cfg.downtime().penalty() * Math.max(0, excessSeconds) / 3600);
    slash(op, fraction(b.slashable(op), share), Cause.SLASH_DOWNTIME, -1, now);
    jail(op, cfg.downtime().jail(), now);
  }

  /** A job's deadline passed while {@code op} held it. */
  void deadline(int op, double now) {
    slash(op, fraction(b.slashable(op), cfg.deadline().penalty()), Cause.SLASH_DEADLINE, -1, now);
  }

  /**
   * Applies correlation penalties due by {@code now}. The total stake is taken once per call,
   * as Ethereum takes the total active balance once per epoch for all of its slashings.
   */
  /** When the earliest pending correlation penalty is due; infinity when none is. */
  double nextDue() {
    return penHead < penTail ? penDue[penHead] : Double.POSITIVE_INFINITY;
  }

  void processDue(double now) {
    long total = -1;
    while (penHead < penTail && penDue[penHead] <= now) {
      double t = penDue[penHead];
      double offence = penAt[penHead];
      while (recHead < recTail && recTime[recHead] < offence - keep) {
        recHead++;
      }
      long inWindow = 0;
      for (int i = recHead; i < recTail && recTime[i] <= offence + window; i++) {
        if (recTime[i] >= offence - window) {
          inWindow += recStake[i];
        }
      }
      if (total < 0) {
        total = b.totalStake();
      }
      long amount = CorrelationPenalty.amount(penStake[penHead], inWindow, total,
          cfg.fraud().correlationMultiplier());
      slash(penOp[penHead], amount, Cause.SLASH_CORRELATION, penReporter[penHead], t);
      penHead++;
    }
  }

  /** Jails {@code op} for {@code period} (0: not at all). */
  void jail(int op, double period, double now) {
    if (period <= 0) {
      return;
    }
    if (!b.ops.jailed[op]) {
      jailings++;
      b.ops.jailed(op, now);
    }
    b.ops.jailed[op] = true;
    b.ops.jailedUntil[op] = Math.max(b.ops.jailedUntil[op], now + period);
    b.refresh(op);
  }

  private long slash(int op, long units, Cause cause, int reporter, double now) {
    if (units <= 0) {
      return 0;
    }
    long taken = stakes.take(op, units, cause, now);
    if (taken == 0) {
      return 0;
    }
    b.ops.lose(op, stakes.lastOwn, b.fiat(stakes.lastOwn), cause, now);
    b.events.event(now, EconomyEvent.slash(cause), op, b.tokens(taken));
    slashedByCause[cause.ordinal()] += taken;
    slashEvents++;
    long reward = 0;
    if (reporter >= 0 && reporter != op) {
      reward = Math.min(taken, fraction(taken, cfg.whistleblowerShare()));
      b.ledger.transfer(Accounts.SLASH_ESCROW, Accounts.liquid(reporter), reward,
          Cause.WHISTLEBLOWER, now);
      b.ops.earn(reporter, reward, b.fiat(reward));
      b.events.event(now, EconomyEvent.PAYMENT, reporter, b.tokens(reward));
    }
    if (destination == SlashDestination.BURN) {
      b.ledger.burn(Accounts.SLASH_ESCROW, taken - reward, Cause.SLASH_BURN, now);
    } else {
      b.ledger.transfer(Accounts.SLASH_ESCROW, Accounts.TREASURY, taken - reward,
          Cause.SLASH_TO_TREASURY, now);
    }
    return taken;
  }

  static long fraction(long units, double f) {
    return Math.min(units, (long) Math.floor(units * f));
  }

  private void compactRecords() {
    int live = recTail - recHead;
    if (live * 2 > recTime.length) {
      recTime = Arrays.copyOf(recTime, recTime.length * 2);
      recStake = Arrays.copyOf(recStake, recStake.length * 2);
    }
    System.arraycopy(recTime, recHead, recTime, 0, live);
    System.arraycopy(recStake, recHead, recStake, 0, live);
    recHead = 0;
    recTail = live;
  }

  private void compactPending() {
    int live = penTail - penHead;
    if (live * 2 > penDue.length) {
      penDue = Arrays.copyOf(penDue, penDue.length * 2);
      penAt = Arrays.copyOf(penAt, penAt.length * 2);
      penOp = Arrays.copyOf(penOp, penOp.length * 2);
      penStake = Arrays.copyOf(penStake, penStake.length * 2);
      penReporter = Arrays.copyOf(penReporter, penReporter.length * 2);
    }
    System.arraycopy(penDue, penHead, penDue, 0, live);
    System.arraycopy(penAt, penHead, penAt, 0, live);
    System.arraycopy(penOp, penHead, penOp, 0, live);
    System.arraycopy(penStake, penHead, penStake, 0, live);
    System.arraycopy(penReporter, penHead, penReporter, 0, live);
    penHead = 0;
    penTail = live;
  }
}
