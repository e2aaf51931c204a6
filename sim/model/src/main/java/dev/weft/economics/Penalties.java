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
  private final SlashingConfig cfg;
  private final SlashDestination destination;
  private final boolean correlation;
  private final double window;

  /** Fraud slashings in the correlation window: time and stake at the offence. */
  private double[] recTime = new double[16];
  private long[] recStake = new long[16];
  private int recHead;
  private int recTail;
  /** Pending correlation penalties, due one window after the offence (so first-in first-out). */
  private double[] penDue = new double[16];
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
    this.cfg = cfg;
    this.destination = SlashDestination.byName(cfg.destination());
    this.window = cfg.fraud().correlationWindow();
    this.correlation = window > 0 && cfg.fraud().correlationMultiplier() > 0;
  }

  /** A result of {@code op} failed verification; {@code reporter} caught it (-1: protocol). */
  void fraud(int op, int reporter, double now) {
    frauds++;
    long before = b.slashable(op);
    slash(op, fraction(before, cfg.fraud().penalty()), Cause.SLASH_FRAUD, reporter, now);
    if (correlation) {
      if (recTail == recTime.length) {
        compactRecords();
      }
      recTime[recTail] = now;
      recStake[recTail++] = before;
      if (penTail == penDue.length) {
        compactPending();
      }
      penDue[penTail] = now + window;
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
  void processDue(double now) {
    long total = -1;
    while (penHead < penTail && penDue[penHead] <= now) {
      double t = penDue[penHead];
      while (recHead < recTail && recTime[recHead] < t - 2 * window) {
        recHead++;
      }
      long inWindow = 0;
      for (int i = recHead; i < recTail && recTime[i] <= t; i++) {
        inWindow += recStake[i];
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
      penOp = Arrays.copyOf(penOp, penOp.length * 2);
      penStake = Arrays.copyOf(penStake, penStake.length * 2);
      penReporter = Arrays.copyOf(penReporter, penReporter.length * 2);
    }
    System.arraycopy(penDue, penHead, penDue, 0, live);
    System.arraycopy(penOp, penHead, penOp, 0, live);
    System.arraycopy(penStake, penHead, penStake, 0, live);
    System.arraycopy(penReporter, penHead, penReporter, 0, live);
    penHead = 0;
    penTail = live;
  }
}
