package dev.weft.economics;

import dev.weft.scenario.EconomicsConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the {@link EconomicsSummary} from the economy's final state: flows (returns,
 * slashing, issuance, joins, leaves, jailings, earnings) over the measured {@link Window},
 * states (supply, price, stake, operators) at the end; the supply totals span the whole run so
 * that initial + minted - burned = final holds. The operators' side is {@link OperatorReturns}.
 */
final class SummaryBuilder {

  private SummaryBuilder() {}

  static EconomicsSummary build(Books b, Penalties pen, Membership members, JobCounts k,
      long pendingVerdicts, EconomicsConfig cfg, Window w, Window genesis, double now) {
    Operators ops = b.ops;
    Ledger l = b.ledger;
    // emission is minted at epoch ends for the epoch just gone, so issuance counts from the
    // last epoch end at or before the opening; close() ends an epoch now
    double issuanceSeconds = now - w.issuanceStart;
    long mintedInWindow = l.minted() - w.issuanceMinted;
    // every burn but the slashes' recurs with the work (fees); a slash burn is a one-off event
    long netIssued = mintedInWindow
        - (IssuanceRate.recurringBurns(l) - w.issuanceBurns);
    long slashBurned = l.flow(Cause.SLASH_BURN) - w.slashBurned;
    double opening = b.tokens(w.supply); // supply when the window opened
    long stakeUnits = b.totalStake();
    double staked = b.tokens(stakeUnits);
    long circulating = circulating(l);

    Map<String, Double> slashedByCause = new LinkedHashMap<>();
    long slashedUnits = 0;
    long slashedSinceStart = 0;
    for (Cause c : Cause.values()) {
      if (c.isSlash()) {
        long units = pen.slashedByCause[c.ordinal()] - w.slashedByCause[c.ordinal()];
        slashedByCause.put(c.label(), b.tokens(units));
        slashedUnits += units;
        slashedSinceStart += pen.slashedByCause[c.ordinal()];
      }
    }

    int[] countB = new int[Behaviour.values().length];
    double[] earned = new double[ops.n];
    double[] stake = new double[ops.n];
    int active = 0;
    int participating = 0;
    int jailed = 0;
    for (int o = 0; o < ops.n; o++) {
      countB[ops.behaviour[o].ordinal()]++;
      earned[o] = b.tokens(ops.tokensEarned[o] - w.tokensEarned[o]);
      stake[o] = b.tokens(b.stake(o));
      active += b.isActive(o) ? 1 : 0;
      participating += ops.participating[o] ? 1 : 0;
      jailed += ops.jailed[o] ? 1 : 0;
    }
    Map<String, Integer> byBehaviour = new LinkedHashMap<>();
    for (Behaviour bh : Behaviour.values()) {
      byBehaviour.put(bh.label(), countB[bh.ordinal()]);
    }
    OperatorReturns returns = new OperatorReturns(b, w, now);
    List<EconomicsSummary.Returns> table = returns.byClassAndBehaviour();
    return new EconomicsSummary(
        cfg.token().symbol(),
        new EconomicsSummary.Supply(b.tokens(l.initial()), b.tokens(l.minted()),
            b.tokens(l.burned()), b.tokens(l.supply())),
        b.price,
        issuanceSeconds > 0
            ? IssuanceRate.annualized(netIssued, w.issuanceSupply, issuanceSeconds) : Double.NaN,
        opening > 0 ? -b.tokens(slashBurned) / opening : Double.NaN,
        issuanceSeconds > 0
            ? IssuanceRate.annualized(mintedInWindow, w.issuanceSupply, issuanceSeconds)
            : Double.NaN,
        b.tokens(circulating),
        l.supply() > 0 ? stakeUnits / (double) l.supply() : Double.NaN,
        circulating > 0 ? stakeUnits / (double) circulating : Double.NaN,
        staked,
        staked * b.price,
        b.tokens(l.balance(Accounts.TREASURY)),
        b.tokens(slashedUnits),
        Collections.unmodifiableMap(slashedByCause),
        k.fraudSlashes > 0 ? k.falseFraudSlashes / (double) k.fraudSlashes : Double.NaN,
        EconomicsMetrics.gini(earned),
        EconomicsMetrics.gini(stake),
        EconomicsMetrics.nakamoto(stake, 1.0 / 3),
        returns.byBehaviour(),
        returns.honestByClass(table),
        table,
        returns.breakEven(),
        new OperatorReturns(b, genesis, now).byBehaviour(),
        b.tokens(slashedSinceStart),
        new EconomicsSummary.Jobs(k.completed, k.failed, k.paid, k.rejected, k.junk,
            k.junkAccepted, k.junkCaught, k.falseRejections, k.checks, k.refereeRuns,
            k.refereeGpuSeconds, k.missedDeadlines, pendingVerdicts, k.feesFiat,
            b.tokens(k.unpaidUnits), k.fraudSlashes, k.falseFraudSlashes, k.gpuSeconds,
            k.verificationGpuSeconds),
        returns.lazyDetection(),
        new EconomicsSummary.OperatorCounts(ops.n, active, participating, jailed,
            members.joins - w.joins, members.leaves - w.leaves, pen.jailings - w.jailings,
            Collections.unmodifiableMap(byBehaviour)),
        w.start, now,
        returns.ledger(),
        pools(b),
        profitPerOperator(ops, w));
  }

  /** Mean fiat profit per operator of each behaviour over the window opening at {@code w}. */
  static Map<String, Double> profitPerOperator(Operators ops, Window w) {
    int nb = Behaviour.values().length;
    double[] profit = new double[nb];
    int[] count = new int[nb];
    for (int o = 0; o < ops.n; o++) {
      int bi = ops.behaviour[o].ordinal();
      count[bi]++;
      profit[bi] += ops.revenueFiat[o] - w.revenueFiat[o] - (ops.costFiat[o] - w.costFiat[o])
          - (ops.slashFiat[o] - w.slashFiat[o]);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Behaviour bh : Behaviour.values()) {
      int i = bh.ordinal();
      out.put(bh.label(), count[i] > 0 ? profit[i] / count[i] : 0);
    }
    return Collections.unmodifiableMap(out);
  }

  /** The pools and escrows at the end, and the unclaimed role shares over the run. */
  static EconomicsSummary.Pools pools(Books b) {
    Map<String, Double> held = new LinkedHashMap<>();
    for (int a : new int[] {Accounts.REWARD_POOL, Accounts.COMPUTE_POOL, Accounts.VERIFIER_POOL,
        Accounts.AVAILABILITY_POOL, Accounts.FEE_ESCROW, Accounts.SLASH_ESCROW}) {
      held.put(Accounts.name(a), b.tokens(b.ledger.balance(a)));
    }
    return new EconomicsSummary.Pools(Collections.unmodifiableMap(held),
        b.tokens(b.ledger.flow(Cause.UNCLAIMED_TO_TREASURY)),
        b.tokens(b.ledger.flow(Cause.UNCLAIMED_BURN)));
  }

  /**
   * The circulating supply: the total less what the protocol holds (treasury, reward pools,
   * escrows), as staking dashboards count it; staked tokens are circulating.
   */
  static long circulating(Ledger l) {
    long held = 0;
    for (int a : new int[] {Accounts.TREASURY, Accounts.REWARD_POOL, Accounts.COMPUTE_POOL,
        Accounts.VERIFIER_POOL, Accounts.AVAILABILITY_POOL, Accounts.FEE_ESCROW,
        Accounts.SLASH_ESCROW}) {
      held += l.balance(a);
    }
    return l.supply() - held;
  }
}
