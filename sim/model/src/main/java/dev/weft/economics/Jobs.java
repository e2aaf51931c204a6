package dev.weft.economics;

import dev.weft.scenario.BehavioursConfig;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.FeesConfig;
import dev.weft.scenario.VerificationConfig;
import java.util.function.IntPredicate;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The per-job path of the economy, from delivery to settlement: an execution's result (by the
 * operator's behaviour), its fee priced in fiat at the list prices and converted by the fee
 * policy, the fee escrowed from the submitters (who buy what they lack from the market), the
 * check ({@link Checks}), and the job's verdict queued for when it is due. At the verdict the
 * escrow is burned in part, pooled and tipped, or refunded and the operator slashed. Nothing is
 * allocated per job.
 */
final class Jobs {
  private final Books books;
  private final Ledger ledger;
  private final Operators ops;
  /** The fee policy in force and its configuration: list prices follow an upgrade with it. */
  private final FeeSwitch fees;
  private final Penalties penalties;
  private final Verdicts verdicts = new Verdicts();
  private final Checks checks;
  private final BehavioursConfig bp;
  private final UniformRandomProvider workRng;
  private final UniformRandomProvider faultRng;
  private final Quote quote = new Quote();
  final JobCounts counts = new JobCounts();
  /** GPU-seconds delivered this epoch: the fee policy's utilization. */
  double epochWork;
  /** Tips and auction payments this epoch, in units: operators' revenue beside the pools. */
  long epochTips;

  /**
   * Executions draw from {@code workRng}, execution failures from {@code faultRng}, the checks
   * from {@code checkRng}.
   */
  Jobs(EconomicsConfig cfg, Books books, FeeSwitch fees, Penalties penalties,
      VerificationPolicy verification, UniformRandomProvider workRng,
      UniformRandomProvider faultRng, UniformRandomProvider checkRng) {
    this.books = books;
    this.ledger = books.ledger;
    this.ops = books.ops;
    this.fees = fees;
    this.penalties = penalties;
    this.bp = cfg.behaviours();
    this.workRng = workRng;
    this.faultRng = faultRng;
    this.checks = new Checks(books, verification, cfg.verification(), penalties::fraudPenalty,
        verdicts, counts, bp, workRng, checkRng);
  }

  /** From now on, completed jobs are checked under {@code cfg} (a governance upgrade). */
  void useVerification(VerificationConfig cfg) {
    checks.use(VerificationPolicies.create(cfg), cfg);
  }

  /** Whether this execution by {@code operator} fails (flaky and Sybil behaviours). */
  boolean executionFails(int operator) {
    return ops.behaviour[operator].failsExecution(faultRng, bp);
  }

  /** An execution failed after {@code gpuSeconds} of work: energy spent, nothing paid. */
  void failed(int operator, double gpuSeconds) {
    counts.failed++;
    ops.chargeCompute(operator, gpuSeconds);
  }

  /**
   * {@code operator} delivered result {@code r} at {@code now}: prices, escrows and checks the
   * job (checkers drawn among operators {@code canRun} accepts), queues its verdict and settles
   * whatever is due. Returns how many checkers re-executed the job on their own node.
   * {@code secondBid} is the job's auction second price (NaN when no auction placed it). A
   * colluder's result is the cartel's decision, taken here once the check is planned: its
   * node did the work in the run, and cheating saves the cartel only the energy.
   */
  int completed(int operator, double gpuSeconds, double outputTokens, double now, Result r,
      IntPredicate canRun, double secondBid) {
    JobCounts c = counts;
    c.completed++;
    c.gpuSeconds += gpuSeconds;
    epochWork += gpuSeconds;
    // list prices in force (a fee upgrade changes them with the policy, in FeeSwitch)
    FeesConfig list = fees.config();
    double fiat = gpuSeconds / 3600 * list.pricePerGpuHour()
        + outputTokens / 1000 * list.pricePer1kTokens();
    quote.clear();
    quote.secondBid = secondBid;
    fees.quote(operator, gpuSeconds, fiat, books.price, quote);
    long charge = books.units(quote.charge);
    long tip = books.units(quote.tip);
    long paid = collect(charge + tip, now);
    if (paid < charge + tip) {
      c.unpaidUnits += charge + tip - paid;
      charge = Math.min(charge, paid);
      tip = paid - charge;
    }
    c.feesFiat += books.fiat(paid);
    long burn = Math.min(charge, Math.round(charge * quote.burnShare));

    CheckPlan plan = checks.plan();
    checks.decideCartel(operator, gpuSeconds, books.fiat(charge + tip), canRun);
    if (ops.behaviour[operator] == Behaviour.COLLUDING) {
      r = checks.execute(operator);
    }
    if (r == Result.CORRECT) {
      ops.chargeCompute(operator, gpuSeconds);
    } else {
      c.junk++;
      ops.junk(operator, now);
    }
    // verification work as ordered, whoever (or whatever) ends up executing it
    c.verificationGpuSeconds += plan.extraExecutions * gpuSeconds;
    double due = now + plan.delay;
    boolean pass = checks.passes(operator, r, gpuSeconds, due, canRun);
    int s = verdicts.add(due);
    verdicts.op[s] = operator;
    verdicts.gpuSeconds[s] = gpuSeconds;
    verdicts.role[s] = Verdicts.EXECUTOR;
    verdicts.pass[s] = pass;
    verdicts.result[s] = (byte) r.ordinal();
    verdicts.charge[s] = charge;
    verdicts.burn[s] = burn;
    verdicts.tip[s] = tip;
    verdicts.toWinner[s] = fees.paysWinner(); // settles as priced, whatever policy is then in force
    verdicts.fiatPriced[s] = books.feesInFiat(); // and counts as priced, in the break-even split
    verdicts.reporter[s] = checks.reporter;
    settleDue(now);
    return checks.reexecutions;
  }

  /** What {@code operator}'s next execution returns, by its behaviour. */
  Result draw(int operator) {
    return ops.behaviour[operator].execute(workRng, bp);
  }

  /** The {@code i}-th checker of the last completed job that re-executed it on its node. */
  int reexecutor(int i) {
    return checks.reexecutor(i);
  }

  /** Verdicts not yet due. */
  int pending() {
    return verdicts.size();
  }

  /** Settles every verdict due by {@code t}, in due order (ties in the order planned). */
  /** When the earliest pending verdict is due; infinity when none is. */
  double nextDue() {
    return verdicts.nextDue();
  }

  void settleDue(double t) {
    int s;
    while ((s = verdicts.pollDue(t)) >= 0) {
      settle(s, verdicts.dueOf(s));
      verdicts.release(s);
    }
  }

  /** Starts the next epoch's accumulators. */
  void resetEpoch() {
    epochWork = 0;
    epochTips = 0;
  }

  private void settle(int s, double t) {
    Verdicts v = verdicts;
    int o = v.op[s];
    books.events.event(t, v.pass[s] ? EconomyEvent.VERDICT_PASS : EconomyEvent.VERDICT_FAIL, o,
        0);
    if (v.role[s] == Verdicts.CHECKER) {
      if (v.pass[s]) {
        ops.epochCheckWork[o] += v.gpuSeconds[s];
      } else {
        counts.fraudSlashes++;
        counts.falseFraudSlashes += v.result[s] == Result.CORRECT.ordinal() ? 1 : 0;
        penalties.fraud(o, -1, t);
      }
      return;
    }
    long charge = v.charge[s];
    long tip = v.tip[s];
    boolean junk = v.result[s] != Result.CORRECT.ordinal();
    if (v.pass[s]) {
      ledger.burn(Accounts.FEE_ESCROW, v.burn[s], Cause.FEE_BURN, t);
      long rest = charge - v.burn[s];
      if (v.toWinner[s]) {
        ledger.transfer(Accounts.FEE_ESCROW, Accounts.liquid(o), rest, Cause.AUCTION_PAYMENT, t);
        ops.earn(o, rest, books.fiat(rest), 1); // bids are prices in fiat per GPU-hour
        epochTips += rest;
      } else {
        ledger.transfer(Accounts.FEE_ESCROW, Accounts.REWARD_POOL, rest, Cause.FEE_TO_POOL, t);
        books.feePooled(rest, v.fiatPriced[s]);
      }
      ledger.transfer(Accounts.FEE_ESCROW, Accounts.liquid(o), tip, Cause.TIP, t);
      ops.earn(o, tip, books.fiat(tip), 1); // every policy sets its tip in fiat
      if (tip > 0) {
        books.events.event(t, EconomyEvent.PAYMENT, o, books.tokens(tip));
      }
      epochTips += tip;
      ops.epochVerifiedWork[o] += v.gpuSeconds[s];
      counts.paid++;
      if (junk) {
        counts.junkAccepted++;
        ops.junkAccepted(o);
      }
    } else {
      ledger.transfer(Accounts.FEE_ESCROW, Accounts.SUBMITTERS, charge + tip, Cause.REFUND, t);
      counts.rejected++;
      if (junk) {
        counts.junkCaught++;
      } else {
        counts.falseRejections++;
      }
      counts.fraudSlashes++;
      counts.falseFraudSlashes += junk ? 0 : 1;
      penalties.fraud(o, v.reporter[s], t);
    }
  }

  /** Submitters pay {@code units} into escrow, buying what they lack from the market. */
  private long collect(long units, double t) {
    long have = ledger.balance(Accounts.SUBMITTERS);
    if (have < units) {
      long buy = Math.min(units - have, ledger.balance(Accounts.MARKET));
      ledger.transfer(Accounts.MARKET, Accounts.SUBMITTERS, buy, Cause.PURCHASE, t);
    }
    long pay = Math.min(units, ledger.balance(Accounts.SUBMITTERS));
    ledger.transfer(Accounts.SUBMITTERS, Accounts.FEE_ESCROW, pay, Cause.FEE, t);
    return pay;
  }
}
