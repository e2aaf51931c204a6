package dev.weft.economics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the economy measured over a run, for {@code summary.json}; every figure is defined in
 * METRICS.md ("Token economics"). Token amounts are in tokens, money in fiat, rates per year.
 * Flows cover the measured window (after warm-up), states are at the end, and the supply
 * totals span the whole run. Immutable; {@link #toMap} gives the contract's keys.
 *
 * @param inflation annualized net issuance over the window: (minted − recurring burns) / supply
 *     at the opening × year / window; slash burns, one-off events, are {@code oneOffBurn}
 * @param oneOffBurn tokens burned by slashing in the window over the supply at the opening, not
 *     annualized
 * @param issuance gross minting per year as a fraction of the supply at the opening
 * @param stakingRatio bonded plus delegated stake over the total supply at the end
 * @param stakingRatioCirculating the same over the circulating supply (total less the treasury,
 *     the reward pools and the escrows)
 * @param securityBudget bonded plus delegated stake times the final price, fiat
 * @param falseSlashRate fraud penalties that hit a correct result over all fraud penalties in
 *     the window (NaN: none)
 * @param roi annualized return on capital per behaviour, all classes' operators of it together
 *     (their profit over their capital-time); NaN where there are none
 * @param roiByClass the same for the honest operators of each node class
 * @param returns return on capital per node class × behaviour, the primary figures
 * @param breakEven per node class, the token price at which its honest operators break even
 * @param roiSinceStart {@code roi} from genesis: what deterred misbehaviour during warm-up too
 * @param lazyDetection how long lazy operators' junk went unpunished
 * @param windowStart where the money figures' window opens: the first epoch end at or after
 *     the warm-up (seconds; see {@link Economy#endWarmup})
 * @param windowEnd the end of the run
 * @param operatorLedger one row per operator (metrics/operators.csv), not in the summary
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
    double oneOffBurn,
    double issuance,
    double circulatingSupply,
    double stakingRatio,
    double stakingRatioCirculating,
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
    List<Returns> returns,
    Map<String, BreakEven> breakEven,
    Map<String, Double> roiSinceStart,
    double slashedSinceStart,
    Jobs jobs,
    LazyDetection lazyDetection,
    OperatorCounts operators,
    double windowStart,
    double windowEnd,
    List<OperatorLedger> operatorLedger,
    Pools pools,
    Map<String, Double> profitPerOperator) {

  /** Supply in tokens; {@code current} is the contract's {@code final}. */
  public record Supply(double initial, double minted, double burned, double current) {}

  /**
   * Returns of the operators of one node class and behaviour over the window: capital (hardware
   * at its purchase price plus own stake at market value at the opening), fiat flows, and the
   * annualized return {@code roi} = profit / capital-time × year, where profit is revenue less
   * costs (energy, bandwidth, hardware depreciation) less own stake slashed. {@code slashLoss}
   * is the slashed part on the same annualized scale, so {@code roi + slashLoss} is the return
   * before slashing; {@code windowReturn} is {@code roi} over the window, not annualized.
   */
  public record Returns(String nodeClass, String behaviour, int operators, double capital,
      double revenue, double costs, double slashedValue, double roi, double slashLoss,
      double windowReturn) {}

  /**
   * The break-even token price of a class's honest operators and on which side of it they
   * profit: {@code above}, {@code below}, {@code any} (price is NaN) or {@code none} (NaN).
   */
  public record BreakEven(double price, String profitsWhen) {}

  /**
   * Job outcomes as the economy saw them; {@code unpaidFees} (tokens) is what submitters could
   * not buy because the market had run dry. {@code gpuSeconds} is the work delivered,
   * {@code verificationGpuSeconds} the re-execution the checks ordered (referee runs apart).
   */
  public record Jobs(long completed, long failed, long paid, long rejected, long junk,
      long junkAccepted, long junkCaught, long falseRejections, long checks, long refereeRuns,
      double refereeGpuSeconds, long missedDeadlines, long pendingVerdicts, double feesFiat,
      double unpaidFees, long fraudSlashes, long falseFraudSlashes, double gpuSeconds,
      double verificationGpuSeconds) {}

  /**
   * Lazy operators that returned junk since the start of the run: how many, how many a fraud
   * slash and a jailing reached, the mean seconds from the first junk to each (over those it
   * reached; NaN: none), and junk accepted before the first slash per lazy operator.
   */
  public record LazyDetection(int junkOperators, int slashed, int jailed,
      double meanTimeToSlash, double meanTimeToJail, double junkAcceptedBeforeSlash) {}

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

  /**
   * One operator over the window (flows) and at its ends (stakes): tokens for stake, rewards and
   * slashes, fiat for money; times in seconds since the start (NaN: never). {@code stakeMean}
   * is the time-weighted mean of the own bonded stake over the window (NaN for an empty
   * window), {@code stakeMin} the least value it held there.
   */
  public record OperatorLedger(int id, String nodeClass, String behaviour, String region,
      double stakeStart, double stakeEnd, double stakeMean, double stakeMin, double rewards, double revenue,
      double fiatPricedRevenue, Map<String, Double> slashedByCause, double jailedSeconds,
      double costs, double capital, double profit, double roi, double firstJunk,
      double firstFraudSlash, double firstJail, long junkAcceptedBeforeSlash) {}

  /** The summary as ordered maps with the keys of CONTRACT section 4; non-finite becomes null. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", symbol);
    m.put("window", ordered("start", windowStart, "end", windowEnd));
    m.put("supply", ordered("initial", supply.initial, "minted", supply.minted, "burned",
        supply.burned, "final", supply.current));
    m.put("circulatingSupply", circulatingSupply);
    m.put("price", finite(price));
    m.put("inflation", finite(inflation));
    m.put("oneOffBurn", finite(oneOffBurn));
    m.put("issuance", finite(issuance));
    m.put("stakingRatio", finite(stakingRatio));
    m.put("stakingRatioCirculating", finite(stakingRatioCirculating));
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
    Map<String, Object> byClass = new LinkedHashMap<>();
    for (Returns r : returns) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) byClass.computeIfAbsent(r.nodeClass,
          k -> new LinkedHashMap<String, Object>());
      c.put(r.behaviour, ordered("operators", r.operators, "capital", finite(r.capital),
          "revenue", finite(r.revenue), "costs", finite(r.costs), "slashedValue",
          finite(r.slashedValue), "roi", finite(r.roi), "slashLoss", finite(r.slashLoss),
          "windowReturn", finite(r.windowReturn)));
    }
    m.put("returns", byClass);
    Map<String, Object> be = new LinkedHashMap<>();
    Map<String, Object> side = new LinkedHashMap<>();
    breakEven.forEach((k, v) -> {
      be.put(k, finite(v.price));
      side.put(k, v.profitsWhen);
    });
    m.put("breakEvenPrice", be);
    m.put("breakEvenProfits", side);
    m.put("jobs", ordered("completed", jobs.completed, "failed", jobs.failed, "paid", jobs.paid,
        "rejected", jobs.rejected, "junk", jobs.junk, "junkAccepted", jobs.junkAccepted,
        "junkCaught", jobs.junkCaught, "falseRejections", jobs.falseRejections, "checks",
        jobs.checks, "refereeRuns", jobs.refereeRuns, "refereeGpuSeconds",
        finite(jobs.refereeGpuSeconds), "missedDeadlines", jobs.missedDeadlines,
        "pendingVerdicts", jobs.pendingVerdicts, "feesFiat", finite(jobs.feesFiat),
        "unpaidFees", jobs.unpaidFees, "fraudSlashes", jobs.fraudSlashes, "falseFraudSlashes",
        jobs.falseFraudSlashes, "gpuHours", finite(jobs.gpuSeconds / 3600),
        "verificationGpuHours",
        finite((jobs.verificationGpuSeconds + jobs.refereeGpuSeconds) / 3600)));
    m.put("lazyDetection", ordered("junkOperators", lazyDetection.junkOperators, "slashed",
        lazyDetection.slashed, "jailed", lazyDetection.jailed, "meanTimeToSlash",
        finite(lazyDetection.meanTimeToSlash), "meanTimeToJail",
        finite(lazyDetection.meanTimeToJail), "junkAcceptedBeforeSlash",
        finite(lazyDetection.junkAcceptedBeforeSlash)));
    m.put("operators", ordered("total", operators.total, "active", operators.active,
        "participating", operators.participating, "jailed", operators.jailed, "joins",
        operators.joins, "leaves", operators.leaves, "jailings", operators.jailings,
        "byBehaviour", new LinkedHashMap<>(operators.byBehaviour)));
    m.put("pools", ordered("held", new LinkedHashMap<>(pools.held), "unclaimedToTreasury",
        pools.unclaimedToTreasury, "unclaimedBurned", pools.unclaimedBurned));
    m.put("profitPerOperator", finiteMap(profitPerOperator));
    return m;
  }

  /** The slashing causes, in the order of {@link OperatorLedger#slashedByCause}. */
  public static List<String> slashCauses() {
    List<String> out = new ArrayList<>();
    for (Cause c : Cause.values()) {
      if (c.isSlash()) {
        out.add(c.label());
      }
    }
    return out;
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
