package dev.weft.economics;

import dev.weft.economics.EconomicsSummary.BreakEven;
import dev.weft.economics.EconomicsSummary.LazyDetection;
import dev.weft.economics.EconomicsSummary.OperatorLedger;
import dev.weft.economics.EconomicsSummary.Returns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators' side of the summary over a {@link Window}: each operator's capital, profit and
 * ledger row, returns per node class × behaviour, the break-even token price per class, and how
 * long lazy operators went unpunished. Definitions in METRICS.md ("Token economics").
 *
 * <p>Capital is what an operator puts up: its hardware at the purchase price plus its own stake
 * (the stake it keeps topped up to) at the token price of the window's opening. Returns divide
 * profit by capital-time (capital × seconds in the network), so an operator present half the
 * window weighs half, and multiply by a year: the annualized, non-compounded return on capital.
 */
final class OperatorReturns {
  private final Books b;
  private final Operators ops;
  private final Window w;
  private final double now;
  private final double[] capital;
  private final double[] profit;
  private final double[] slashValue;
  private final double[] present;

  OperatorReturns(Books b, Window w, double now) {
    this.b = b;
    this.ops = b.ops;
    this.w = w;
    this.now = now;
    int n = ops.n;
    capital = new double[n];
    profit = new double[n];
    slashValue = new double[n];
    present = new double[n];
    for (int o = 0; o < n; o++) {
      slashValue[o] = ops.slashFiat[o] - w.slashFiat[o];
      profit[o] = ops.revenueFiat[o] - w.revenueFiat[o] - (ops.costFiat[o] - w.costFiat[o])
          - slashValue[o];
      present[o] = ops.presentSeconds[o] - w.presentSeconds[o];
      // the stake part of capital is the target over the operator's presence in the window:
      // constant unless an upgrade raised the minimum, then its presence-weighted mean, so
      // capital x seconds present is the integral of the capital actually tied up
      double target = ops.targetsMoved && present[o] > 0
          ? (ops.targetPresentUnits[o] - w.targetPresentUnits[o]) / present[o]
          : ops.targetStake[o];
      capital[o] = ops.hardwareFiat[o] + target / b.unitsPerToken * w.price;
    }
  }

  /** Annualized return of profit {@code p} on {@code capitalSeconds}; NaN without capital. */
  static double annualized(double p, double capitalSeconds) {
    return capitalSeconds > 0 ? p / capitalSeconds * EmissionPolicy.YEAR : Double.NaN;
  }

  /** Return on capital per behaviour, every class's operators of it together. */
  Map<String, Double> byBehaviour() {
    int nb = Behaviour.values().length;
    double[] p = new double[nb];
    double[] ct = new double[nb];
    for (int o = 0; o < ops.n; o++) {
      int bi = ops.behaviour[o].ordinal();
      p[bi] += profit[o];
      ct[bi] += capital[o] * present[o];
    }
    Map<String, Double> roi = new LinkedHashMap<>();
    for (Behaviour bh : Behaviour.values()) {
      roi.put(bh.label(), annualized(p[bh.ordinal()], ct[bh.ordinal()]));
    }
    return Collections.unmodifiableMap(roi);
  }

  /** Returns per node class × behaviour present in the class, classes in scenario order. */
  List<Returns> byClassAndBehaviour() {
    int nb = Behaviour.values().length;
    int nc = ops.classNames.size();
    int[] count = new int[nc * nb];
    double[] cap = new double[nc * nb];
    double[] ct = new double[nc * nb];
    double[] rev = new double[nc * nb];
    double[] cost = new double[nc * nb];
    double[] slash = new double[nc * nb];
    double[] p = new double[nc * nb];
    for (int o = 0; o < ops.n; o++) {
      int k = ops.classIndex[o] * nb + ops.behaviour[o].ordinal();
      count[k]++;
      cap[k] += capital[o];
      ct[k] += capital[o] * present[o];
      rev[k] += ops.revenueFiat[o] - w.revenueFiat[o];
      cost[k] += ops.costFiat[o] - w.costFiat[o];
      slash[k] += slashValue[o];
      p[k] += profit[o];
    }
    double window = now - w.start;
    List<Returns> out = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      for (Behaviour bh : Behaviour.values()) {
        int k = c * nb + bh.ordinal();
        if (count[k] == 0) {
          continue;
        }
        double roi = annualized(p[k], ct[k]);
        out.add(new Returns(ops.classNames.get(c), bh.label(), count[k], cap[k], rev[k],
            cost[k], slash[k], roi, annualized(slash[k], ct[k]),
            roi * window / EmissionPolicy.YEAR));
      }
    }
    return List.copyOf(out);
  }

  /** Return on capital of each class's honest operators. */
  Map<String, Double> honestByClass(List<Returns> returns) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String c : ops.classNames) {
      out.put(c, Double.NaN);
    }
    for (Returns r : returns) {
      if (r.behaviour().equals(Behaviour.HONEST.label())) {
        out.put(r.nodeClass(), r.roi());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Per class, the constant token price p at which its honest operators' profit over the window
   * is zero: profit(p) = F + p·(T − S) − C, with F the revenue set in fiat (fiat-priced fees
   * and tips, worth the same fiat at any price), T the tokens received of revenue set in tokens
   * (emission, token-priced fees), S the own stake slashed in tokens, and C the costs in fiat.
   */
  Map<String, BreakEven> breakEven() {
    int nc = ops.classNames.size();
    double[] fiat = new double[nc];
    double[] tokens = new double[nc];
    double[] cost = new double[nc];
    for (int o = 0; o < ops.n; o++) {
      if (ops.behaviour[o] != Behaviour.HONEST) {
        continue;
      }
      int c = ops.classIndex[o];
      fiat[c] += ops.fiatPricedFiat[o] - w.fiatPricedFiat[o];
      tokens[c] += b.tokens(ops.tokenPricedUnits[o] - w.tokenPricedUnits[o])
          - b.tokens(ops.tokensSlashed[o] - w.tokensSlashed[o]);
      cost[c] += ops.costFiat[o] - w.costFiat[o];
    }
    Map<String, BreakEven> out = new LinkedHashMap<>();
    for (int c = 0; c < nc; c++) {
      out.put(ops.classNames.get(c), solve(fiat[c], tokens[c], cost[c]));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Solves F + p·T = C for p ≥ 0 and says on which side profit lies. */
  static BreakEven solve(double fiat, double tokens, double cost) {
    double gap = cost - fiat; // what the token-priced part must cover
    if (tokens > 0) {
      return gap <= 0 ? new BreakEven(Double.NaN, "any") : new BreakEven(gap / tokens, "above");
    }
    if (tokens < 0) {
      return gap < 0 ? new BreakEven(gap / tokens, "below") : new BreakEven(Double.NaN, "none");
    }
    return new BreakEven(Double.NaN, gap < 0 ? "any" : "none");
  }

  /** How long lazy operators' junk went unpunished, from each one's first junk result. */
  LazyDetection lazyDetection() {
    int junkOps = 0;
    int slashed = 0;
    int jailed = 0;
    double toSlash = 0;
    double toJail = 0;
    long accepted = 0;
    for (int o = 0; o < ops.n; o++) {
      double first = ops.firstJunkAt[o];
      if (ops.behaviour[o] != Behaviour.LAZY || Double.isNaN(first)) {
        continue;
      }
      junkOps++;
      accepted += ops.junkAcceptedBeforeSlash[o];
      if (ops.firstFraudSlashAt[o] >= first) {
        slashed++;
        toSlash += ops.firstFraudSlashAt[o] - first;
      }
      if (ops.firstJailAt[o] >= first) {
        jailed++;
        toJail += ops.firstJailAt[o] - first;
      }
    }
    return new LazyDetection(junkOps, slashed, jailed,
        slashed > 0 ? toSlash / slashed : Double.NaN, jailed > 0 ? toJail / jailed : Double.NaN,
        junkOps > 0 ? accepted / (double) junkOps : Double.NaN);
  }

  /** One ledger row per operator, in id order. */
  List<OperatorLedger> ledger() {
    List<OperatorLedger> rows = new ArrayList<>(ops.n);
    double window = now - w.start;
    for (int o = 0; o < ops.n; o++) {
      Map<String, Double> byCause = new LinkedHashMap<>();
      for (Cause c : Cause.values()) {
        if (c.isSlash()) {
          byCause.put(c.label(), b.tokens(ops.slashedByCause[c.ordinal()][o]
              - w.slashedByOperatorAndCause[c.ordinal()][o]));
        }
      }
      rows.add(new OperatorLedger(o, ops.classNames.get(ops.classIndex[o]),
          ops.behaviour[o].label(), ops.region[o], b.tokens(w.ownStake[o]),
          b.tokens(b.ledger.balance(Accounts.bonded(o))),
          // to whole base units: the difference of two large areas carries rounding noise
          // (1800.0000000000005 for a stake that never moved), finer than any stake can be
          window > 0 ? Math.rint((b.stakeHistory.secondsAt(o, now) - w.stakeSeconds[o])
              / window) / b.unitsPerToken : Double.NaN,
          b.tokens(b.stakeHistory.least(w.stakeMin, o)),
          b.tokens(ops.tokensEarned[o] - w.tokensEarned[o]),
          ops.revenueFiat[o] - w.revenueFiat[o], ops.fiatPricedFiat[o] - w.fiatPricedFiat[o],
          byCause, ops.jailedSecondsAt(o, now) - w.jailedSeconds[o],
          ops.costFiat[o] - w.costFiat[o], capital[o], profit[o],
          window > 0 ? annualized(profit[o], capital[o] * present[o]) : Double.NaN,
          ops.firstJunkAt[o], ops.firstFraudSlashAt[o], ops.firstJailAt[o],
          ops.junkAcceptedBeforeSlash[o]));
    }
    return Collections.unmodifiableList(rows);
  }
}
