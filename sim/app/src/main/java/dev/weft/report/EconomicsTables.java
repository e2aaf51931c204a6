package dev.weft.report;

import static dev.weft.report.Report.f;
import static dev.weft.report.Report.pct;

import dev.weft.economics.EconomicsSummary;
import dev.weft.report.Report.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's token-economics tables: the headline figures, returns and own stake per node
 * class × behaviour, and the break-even token price per class. Definitions in METRICS.md.
 */
final class EconomicsTables {
  private EconomicsTables() {}

  static List<Table> of(EconomicsSummary e) {
    return List.of(headline(e), returns(e), stake(e), breakEven(e));
  }

  private static Table headline(EconomicsSummary e) {
    List<List<String>> rows = new ArrayList<>();
    var s = e.supply();
    String sym = " " + e.symbol();
    rows.add(List.of("supply initial / minted / burned / final", f(s.initial()) + " / "
        + f(s.minted()) + " / " + f(s.burned()) + " / " + f(s.current()) + sym));
    rows.add(List.of("circulating supply (less treasury, pools, escrows)",
        f(e.circulatingSupply()) + sym));
    rows.add(List.of("final price", f(e.price())));
    rows.add(List.of("inflation: net issuance, annualized", rate(e.inflation())));
    rows.add(List.of("one-off: slashed stake burned (share of supply, not annualized)",
        signedPct(e.oneOffBurn())));
    rows.add(List.of("gross issuance, annualized", rate(e.issuance())));
    rows.add(List.of("staking ratio over total / circulating supply", pctOrNone(e.stakingRatio())
        + " / " + pctOrNone(e.stakingRatioCirculating())));
    rows.add(List.of("security budget (stake x price)", f(e.securityBudget())));
    StringBuilder causes = new StringBuilder();
    e.slashedByCause().forEach((cause, tokens) -> causes.append(causes.length() == 0 ? "" : ", ")
        .append(cause).append(' ').append(f(tokens)));
    rows.add(List.of("slashed (by cause)", f(e.slashed()) + sym + " (" + causes + ")"));
    var j = e.jobs();
    rows.add(List.of("fraud slashes / of a correct result / false-slash rate",
        j.fraudSlashes() + " / " + j.falseFraudSlashes() + " / "
            + pctOrNone(e.falseSlashRate())));
    rows.add(List.of("verification GPU-hours ordered, at the executor's GPU-seconds (share of"
        + " work delivered)",
        f((j.verificationGpuSeconds() + j.refereeGpuSeconds()) / 3600) + " ("
            + (j.gpuSeconds() > 0 ? pct((j.verificationGpuSeconds() + j.refereeGpuSeconds())
            / j.gpuSeconds()) : "no work") + ")"));
    rows.add(List.of("junk results returned / caught / accepted", j.junk() + " / "
        + j.junkCaught() + " / " + j.junkAccepted()));
    var lz = e.lazyDetection();
    rows.add(List.of("lazy operators with junk: slashed / jailed", lz.junkOperators()
        + ": " + lz.slashed() + " / " + lz.jailed()));
    rows.add(List.of("lazy: first junk to first slash / to jail (mean)",
        Report.secsOrNone(lz.meanTimeToSlash()) + " / "
            + Report.secsOrNone(lz.meanTimeToJail())));
    rows.add(List.of("lazy: junk accepted before the first slash, per operator",
        Double.isNaN(lz.junkAcceptedBeforeSlash()) ? "none" : f(lz.junkAcceptedBeforeSlash())));
    e.profitPerOperator().forEach((k, v) -> {
      if (e.operators().byBehaviour().getOrDefault(k, 0) > 0) {
        rows.add(List.of("profit per operator in the window, " + k + " (fiat)", f(v)));
      }
    });
    var pools = e.pools();
    double held = pools.held().values().stream().mapToDouble(Double::doubleValue).sum();
    rows.add(List.of("unclaimed role shares to treasury / burned; held in pools and escrows",
        f(pools.unclaimedToTreasury()) + " / " + f(pools.unclaimedBurned()) + "; " + f(held)
        + sym));
    rows.add(List.of("Gini of rewards / of stake", f(e.gini()) + " / " + f(e.giniStake())));
    rows.add(List.of("Nakamoto coefficient (33%)", Integer.toString(e.nakamoto())));
    var o = e.operators();
    rows.add(List.of("operators active / jailed / joins / leaves", o.active() + " / "
        + o.jailed() + " / " + o.joins() + " / " + o.leaves()));
    return new Table("Token economics", List.of("metric", "value"), rows);
  }

  private static Table returns(EconomicsSummary e) {
    List<List<String>> rows = new ArrayList<>();
    for (EconomicsSummary.Returns r : e.returns()) {
      rows.add(List.of(r.nodeClass(), r.behaviour(), Integer.toString(r.operators()),
          money(r.capital()), money(r.revenue()), money(r.costs()), money(r.slashedValue()),
          rate(r.roi()), rate(r.slashLoss()), Double.isNaN(r.windowReturn()) ? "-"
              : String.format(Locale.ROOT, "%+.3f%%", 100 * r.windowReturn())));
    }
    return new Table("Operator returns on capital, " + Report.duration(e.windowStart())
        + " to " + Report.duration(e.windowEnd()) + " (from the first epoch end after warm-up;"
        + " capital: hardware at purchase price + own stake at market value)",
        List.of("class", "behaviour", "operators", "capital", "revenue", "costs",
            "stake slashed", "ROI per year", "lost to slashing per year", "return over window"), rows);
  }

  /**
   * Own bonded stake per class × behaviour over the window: the sums of the operators' stakes
   * at its ends and of their time-weighted means, and the least any one of them held (a slash
   * held until a later top-up or a jail shows there, not in the ends).
   */
  private static Table stake(EconomicsSummary e) {
    Map<String, double[]> groups = new LinkedHashMap<>();
    for (EconomicsSummary.Returns r : e.returns()) { // the returns table's order of groups
      groups.put(r.nodeClass() + "\u0000" + r.behaviour(),
          new double[] {0, 0, 0, 0, Double.POSITIVE_INFINITY});
    }
    for (EconomicsSummary.OperatorLedger o : e.operatorLedger()) {
      double[] g = groups.computeIfAbsent(o.nodeClass() + "\u0000" + o.behaviour(),
          k -> new double[] {0, 0, 0, 0, Double.POSITIVE_INFINITY});
      g[0]++;
      g[1] += o.stakeStart();
      g[2] += o.stakeMean();
      g[3] += o.stakeEnd();
      g[4] = Math.min(g[4], o.stakeMin());
    }
    List<List<String>> rows = new ArrayList<>();
    String sym = " " + e.symbol();
    groups.forEach((k, g) -> {
      String[] cb = k.split("\u0000");
      rows.add(List.of(cb[0], cb[1], money(g[0]), tokens(g[1]) + sym,
          Double.isNaN(g[2]) ? "-" : tokens(g[2]) + sym, tokens(g[3]) + sym,
          tokens(g[4]) + sym));
    });
    return new Table("Own stake over the window (operators.csv: stakeStart, stakeMean, stakeEnd,"
        + " stakeMin; metrics/stake.csv with outputs.stake)", List.of("class", "behaviour",
            "operators", "at the start", "time-weighted mean", "at the end",
            "least held by one operator"), rows);
  }

  private static Table breakEven(EconomicsSummary e) {
    List<List<String>> rows = new ArrayList<>();
    e.breakEven().forEach((c, b) -> rows.add(List.of(c, Double.isNaN(b.price()) ? "-"
        : f(b.price()), switch (b.profitsWhen()) {
          case "above" -> "profit above this price";
          case "below" -> "profit below this price";
          case "any" -> "profit at any price";
          default -> "loss at every price";
        })));
    return new Table("Break-even token price of honest operators (fiat-priced fees held in"
        + " fiat)", List.of("class", "price", "honest operators"), rows);
  }

  /** A fraction per year, or "-" where undefined. */
  static String rate(double d) {
    return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * d);
  }

  private static String signedPct(double d) {
    return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%+.4f%%", 100 * d);
  }

  private static String pctOrNone(double d) {
    return Double.isNaN(d) ? "-" : pct(d);
  }

  /** Tokens to a tenth: a stake eroded by a fraction of a token still shows. */
  private static String tokens(double d) {
    return String.format(Locale.ROOT, "%,.1f", d);
  }

  private static String money(double d) {
    return String.format(Locale.ROOT, "%,.0f", d);
  }
}
