package dev.weft.economics;

import dev.weft.scenario.BehavioursConfig;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.VerificationConfig;
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
  private final FeePolicy fees;
  private final Penalties penalties;
  private final Verdicts verdicts = new Verdicts();
  private final Checks checks;
  private final BehavioursConfig bp;
  private final UniformRandomProvider workRng;
  private final UniformRandomProvider faultRng;
  private final double listPricePerGpuHour;
  private final double listPricePer1k;
  private final Quote quote = new Quote();
  final JobCounts counts = new JobCounts();
  /** GPU-seconds delivered this epoch: the fee policy's utilization. */
  double epochWork;
  /** Tips paid this epoch, in units: operators' revenue beside the reward pools. */
  long epochTips;

  /**
   * Executions draw from {@code workRng}, execution failures from {@code faultRng}, the checks
   * from {@code checkRng}.
   */
  Jobs(EconomicsConfig cfg, Books books, Penalties penalties, VerificationPolicy verification,
      UniformRandomProvider workRng, UniformRandomProvider faultRng,
      UniformRandomProvider checkRng) {
    this.books = books;
    this.ledger = books.ledger;
    this.ops = books.ops;
    this.fees = books.fees;
    this.penalties = penalties;
    this.bp = cfg.behaviours();
    this.workRng = workRng;
    this.faultRng = faultRng;
    this.listPricePerGpuHour = cfg.fees().pricePerGpuHour();
    this.listPricePer1k = cfg.fees().pricePer1kTokens();
    this.checks = new Checks(books, verification, cfg.verification(), verdicts, counts, bp,
        workRng, checkRng);
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
   * {@code operator} delivered at {@code now}: prices, escrows and checks the job, queues its
   * verdict and settles whatever is due. Returns the extra executions the check asked for.
   */
  int completed(int operator, double gpuSeconds, double outputTokens, double now) {
    JobCounts c = counts;
    c.completed++;
    epochWork += gpuSeconds;
    Result r = ops.behaviour[operator].execute(workRng, bp);
    if (r == Result.CORRECT) {
      ops.chargeCompute(operator, gpuSeconds);
    } else {
      c.junk++;
    }
    double fiat = gpuSeconds / 3600 * listPricePerGpuHour + outputTokens / 1000 * listPricePer1k;
    quote.clear();
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
    double due = now + plan.delay;
    boolean pass = checks.passes(operator, r, gpuSeconds, due);
    int s = verdicts.add(due);
    verdicts.op[s] = operator;
    verdicts.gpuSeconds[s] = gpuSeconds;
    verdicts.role[s] = Verdicts.EXECUTOR;
    verdicts.pass[s] = pass;
    verdicts.result[s] = (byte) r.ordinal();
    verdicts.charge[s] = charge;
    verdicts.burn[s] = burn;
    verdicts.tip[s] = tip;
    verdicts.reporter[s] = checks.reporter;
    settleDue(now);
    return plan.extraExecutions;
  }

  /** Verdicts not yet due. */
  int pending() {
    return verdicts.size();
  }

  /** Settles every verdict due by {@code t}, in due order (ties in the order planned). */
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
    if (v.role[s] == Verdicts.CHECKER) {
      if (v.pass[s]) {
        ops.epochCheckWork[o] += v.gpuSeconds[s];
      } else {
        penalties.fraud(o, -1, t);
      }
      return;
    }
    long charge = v.charge[s];
    long tip = v.tip[s];
    boolean junk = v.result[s] != Result.CORRECT.ordinal();
    if (v.pass[s]) {
      ledger.burn(Accounts.FEE_ESCROW, v.burn[s], Cause.FEE_BURN, t);
      ledger.transfer(Accounts.FEE_ESCROW, Accounts.REWARD_POOL, charge - v.burn[s],
          Cause.FEE_TO_POOL, t);
      ledger.transfer(Accounts.FEE_ESCROW, Accounts.liquid(o), tip, Cause.TIP, t);
      ops.earn(o, tip, books.fiat(tip));
      epochTips += tip;
      ops.epochVerifiedWork[o] += v.gpuSeconds[s];
      counts.paid++;
      if (junk) {
        counts.junkAccepted++;
      }
    } else {
      ledger.transfer(Accounts.FEE_ESCROW, Accounts.SUBMITTERS, charge + tip, Cause.REFUND, t);
      counts.rejected++;
      if (junk) {
        counts.junkCaught++;
      } else {
        counts.falseRejections++;
      }
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
