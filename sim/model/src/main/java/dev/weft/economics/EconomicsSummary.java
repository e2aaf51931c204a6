package dev.weft.economics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the economy measured over a run, for {@code summary.json}. Token amounts are in tokens,
 * money in fiat, rates per year; ROI is profit / operating cost in fiat, where profit is
 * revenue (valued at the price when received) minus operating costs minus own stake slashed
 * (valued at the price when slashed). Immutable; {@link #toMap} gives the contract's keys.
 *
 * @param inflation net supply growth, annualized: (final / initial)^(1 / years) − 1
 * @param issuance gross minting per year as a fraction of the initial supply
 * @param stakingRatio bonded plus delegated stake over supply at the end
 * @param securityBudget bonded plus delegated stake times the final price
 * @param falseSlashRate slash events that hit honest operators over all slash events
 * @param gini Gini coefficient of the tokens each operator earned
 * @param giniStake Gini coefficient of the final stake per operator
 * @param nakamoto fewest operators holding at least a third of the stake
 * @param roi ROI per behaviour (every behaviour listed; 0 where none or no cost), over the
 *     measured window (after warm-up), as every flow here but the supply totals
 * @param roiSinceStart the same from genesis: what deterred misbehaviour during warm-up too
 * @param slashedSinceStart tokens slashed from genesis (slashed counts the window)
 * @param breakEvenPrice per node class, the token price at which its operators' earnings net of
 *     slashing would have covered their costs (infinite where they netted nothing)
 * @param pools where tokens that are nobody's yet stand at the end, and where role shares
 *     nobody earned went (see {@link Pools})
 * @param profitPerOperator per behaviour, the mean over its operators of revenue minus costs
 *     minus own stake slashed, in fiat, over the measured window (0 where none): operators of
 *     one class put up the same capital whatever their behaviour, so this answers whether a
 *     behaviour beats honesty where ratios to differing costs cannot
 */
public record EconomicsSummary(
    String symbol,
    Supply supply,
    double price,
    double inflation,
    double issuance,
    double stakingRatio,
    double staked,
    double securityBudget,
    double treasury,
    double slashed,
    Map<String, Double> slashedByCause,
    double falseSlashRate,
    double gini,
    double giniStake,
    int nakamoto,
    Map<String, Double> roi,
    Map<String, Double> roiByClass,
    Map<String, Double> breakEvenPrice,
    Map<String, Double> roiSinceStart,
    double slashedSinceStart,
    Jobs jobs,
    OperatorCounts operators,
    Pools pools,
    Map<String, Double> profitPerOperator) {

  /** Supply in tokens; {@code current} is the contract's {@code final}. */
  public record Supply(double initial, double minted, double burned, double current) {}

  /**
   * Job outcomes as the economy saw them; {@code unpaidFees} (tokens) is what submitters could
   * not buy because the market had run dry.
   */
  public record Jobs(long completed, long failed, long paid, long rejected, long junk,
      long junkAccepted, long junkCaught, long falseRejections, long checks, long refereeRuns,
      double refereeGpuSeconds, long missedDeadlines, long pendingVerdicts, double feesFiat,
      double unpaidFees) {}

  /**
   * No silent sinks: {@code held}, the tokens in each protocol pool and escrow at the end (the
   * reward, compute, verifier and availability pools, the fee and slash escrows), in tokens;
   * {@code unclaimedToTreasury} and {@code unclaimedBurned}, the role shares nobody earned in
   * their epoch that the {@code rewards.unclaimed} rule sent to the treasury or burned, over
   * the whole run (a {@code carry} rule leaves them in {@code held}).
   */
  public record Pools(Map<String, Double> held, double unclaimedToTreasury,
      double unclaimedBurned) {}

  /** Operators at the end of the run and movements during it. */
  public record OperatorCounts(int total, int active, int participating, int jailed, int joins,
      int leaves, long jailings, Map<String, Integer> byBehaviour) {}

  /** The summary as ordered maps with the keys of CONTRACT section 4; non-finite becomes null. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", symbol);
    m.put("supply", ordered("initial", supply.initial, "minted", supply.minted, "burned",
        supply.burned, "final", supply.current));
    m.put("price", finite(price));
    m.put("inflation", finite(inflation));
    m.put("issuance", finite(issuance));
    m.put("stakingRatio", finite(stakingRatio));
    m.put("staked", staked);
    m.put("securityBudget", finite(securityBudget));
    m.put("treasury", treasury);
    m.put("slashed", slashed);
    m.put("slashedByCause", finiteMap(slashedByCause));
    m.put("slashedSinceStart", slashedSinceStart);
    m.put("falseSlashRate", finite(falseSlashRate));
    m.put("gini", finite(gini));
    m.put("giniStake", finite(giniStake));
    m.put("nakamoto", nakamoto);
    m.put("roi", finiteMap(roi));
    m.put("roiSinceStart", finiteMap(roiSinceStart));
    m.put("roiByClass", finiteMap(roiByClass));
    m.put("breakEvenPrice", finiteMap(breakEvenPrice));
    m.put("jobs", ordered("completed", jobs.completed, "failed", jobs.failed, "paid", jobs.paid,
        "rejected", jobs.rejected, "junk", jobs.junk, "junkAccepted", jobs.junkAccepted,
        "junkCaught", jobs.junkCaught, "falseRejections", jobs.falseRejections, "checks",
        jobs.checks, "refereeRuns", jobs.refereeRuns, "refereeGpuSeconds",
        finite(jobs.refereeGpuSeconds), "missedDeadlines", jobs.missedDeadlines,
        "pendingVerdicts", jobs.pendingVerdicts, "feesFiat", finite(jobs.feesFiat),
        "unpaidFees", jobs.unpaidFees));
    m.put("operators", ordered("total", operators.total, "active", operators.active,
        "participating", operators.participating, "jailed", operators.jailed, "joins",
        operators.joins, "leaves", operators.leaves, "jailings", operators.jailings,
        "byBehaviour", new LinkedHashMap<>(operators.byBehaviour)));
    m.put("pools", ordered("held", new LinkedHashMap<>(pools.held), "unclaimedToTreasury",
        pools.unclaimedToTreasury, "unclaimedBurned", pools.unclaimedBurned));
    m.put("profitPerOperator", finiteMap(profitPerOperator));
    return m;
  }

  private static Object finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static Map<String, Object> finiteMap(Map<String, Double> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, finite(v)));
    return out;
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
