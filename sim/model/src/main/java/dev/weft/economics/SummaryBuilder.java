package dev.weft.economics;

import dev.weft.scenario.EconomicsConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes the {@link EconomicsSummary} from the economy's final state: flows (ROI, slashing,
 * issuance, joins, leaves, jailings, earnings) over the measured {@link Window}, states (supply,
 * price, stake, operators) at the end; the supply totals span the whole run so that
 * initial + minted - burned = final holds.
 */
final class SummaryBuilder {

  private SummaryBuilder() {}

  static EconomicsSummary build(Books b, Penalties pen, Membership members, JobCounts k,
      long pendingVerdicts, EconomicsConfig cfg, Window w, double now) {
    Operators ops = b.ops;
    Ledger l = b.ledger;
    double years = (now - w.start) / EmissionPolicy.YEAR;
    double initial = b.tokens(l.initial());
    double current = b.tokens(l.supply());
    double opening = b.tokens(w.supply); // supply when the window opened
    double mintedInWindow = b.tokens(l.minted() - w.minted);
    long stakeUnits = b.totalStake();
    double staked = b.tokens(stakeUnits);

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

    int nb = Behaviour.values().length;
    int nc = ops.classNames.size();
    double[] profitC = new double[nc];
    double[] costC = new double[nc];
    double[] netTokensC = new double[nc];
    int[] countB = new int[nb];
    double[] earned = new double[ops.n];
    double[] stake = new double[ops.n];
    int active = 0;
    int participating = 0;
    int jailed = 0;
    for (int o = 0; o < ops.n; o++) {
      double cost = ops.costFiat[o] - w.costFiat[o];
      double profit = ops.revenueFiat[o] - w.revenueFiat[o] - cost
          - (ops.slashFiat[o] - w.slashFiat[o]);
      int bi = ops.behaviour[o].ordinal();
      int ci = ops.classIndex[o];
      countB[bi]++;
      profitC[ci] += profit;
      costC[ci] += cost;
      long earnedUnits = ops.tokensEarned[o] - w.tokensEarned[o];
      netTokensC[ci] += b.tokens(earnedUnits - (ops.tokensSlashed[o] - w.tokensSlashed[o]));
      earned[o] = b.tokens(earnedUnits);
      stake[o] = b.tokens(b.stake(o));
      active += b.isActive(o) ? 1 : 0;
      participating += ops.participating[o] ? 1 : 0;
      jailed += ops.jailed[o] ? 1 : 0;
    }
    Map<String, Integer> byBehaviour = new LinkedHashMap<>();
    for (Behaviour bh : Behaviour.values()) {
      byBehaviour.put(bh.label(), countB[bh.ordinal()]);
    }
    Map<String, Double> roiByClass = new LinkedHashMap<>();
    Map<String, Double> breakEven = new LinkedHashMap<>();
    for (int c = 0; c < nc; c++) {
      String name = ops.classNames.get(c);
      roiByClass.put(name, costC[c] > 0 ? profitC[c] / costC[c] : 0);
      breakEven.put(name, netTokensC[c] > 0 ? costC[c] / netTokensC[c]
          : costC[c] > 0 ? Double.POSITIVE_INFINITY : 0);
    }
    return new EconomicsSummary(
        cfg.token().symbol(),
        new EconomicsSummary.Supply(initial, b.tokens(l.minted()), b.tokens(l.burned()),
            current),
        b.price,
        years > 0 && opening > 0 ? Math.pow(current / opening, 1 / years) - 1 : 0,
        years > 0 && opening > 0 ? mintedInWindow / opening / years : 0,
        l.supply() > 0 ? stakeUnits / (double) l.supply() : 0,
        staked,
        staked * b.price,
        b.tokens(l.balance(Accounts.TREASURY)),
        b.tokens(slashedUnits),
        Collections.unmodifiableMap(slashedByCause),
        pen.slashEvents > w.slashEvents ? (pen.honestSlashEvents - w.honestSlashEvents)
            / (double) (pen.slashEvents - w.slashEvents) : 0,
        EconomicsMetrics.gini(earned),
        EconomicsMetrics.gini(stake),
        EconomicsMetrics.nakamoto(stake, 1.0 / 3),
        roiByBehaviour(ops, w),
        Collections.unmodifiableMap(roiByClass),
        Collections.unmodifiableMap(breakEven),
        roiByBehaviour(ops, Window.genesis(b)),
        b.tokens(slashedSinceStart),
        new EconomicsSummary.Jobs(k.completed, k.failed, k.paid, k.rejected, k.junk,
            k.junkAccepted, k.junkCaught, k.falseRejections, k.checks, k.refereeRuns,
            k.refereeGpuSeconds, k.missedDeadlines, pendingVerdicts, k.feesFiat,
            b.tokens(k.unpaidUnits)),
        new EconomicsSummary.OperatorCounts(ops.n, active, participating, jailed,
            members.joins - w.joins, members.leaves - w.leaves, pen.jailings - w.jailings,
            Collections.unmodifiableMap(byBehaviour)),
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

  /** ROI per behaviour over the window opening at {@code w}: profit / operating cost, fiat. */
  static Map<String, Double> roiByBehaviour(Operators ops, Window w) {
    int nb = Behaviour.values().length;
    double[] profit = new double[nb];
    double[] cost = new double[nb];
    for (int o = 0; o < ops.n; o++) {
      int bi = ops.behaviour[o].ordinal();
      double c = ops.costFiat[o] - w.costFiat[o];
      cost[bi] += c;
      profit[bi] += ops.revenueFiat[o] - w.revenueFiat[o] - c
          - (ops.slashFiat[o] - w.slashFiat[o]);
    }
    Map<String, Double> roi = new LinkedHashMap<>();
    for (Behaviour bh : Behaviour.values()) {
      int i = bh.ordinal();
      roi.put(bh.label(), cost[i] > 0 ? profit[i] / cost[i] : 0);
    }
    return Collections.unmodifiableMap(roi);
  }
}
