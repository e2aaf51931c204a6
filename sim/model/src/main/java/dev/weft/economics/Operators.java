package dev.weft.economics;

import java.util.List;

/**
 * Per-operator state in parallel primitive arrays (a few hundred bytes per operator, so 100,000
 * fit easily): fixed figures, status, the current epoch's accumulators, trailing figures for
 * join/leave decisions, and lifetime totals for the summary. Owned by the {@link Economy}.
 *
 * <p>An operator is one identity on one machine, except Sybil operators: consecutive Sybil
 * operators of a node class are grouped, {@code sybilIdentities} at a time, as identities of
 * one machine. They split the machine's stake (each bonds its share of the class's stake) and
 * its time-based costs (amortization, bandwidth, idle power), pay the energy of the work each
 * does, and go down together: when any identity's node is down the machine is, so every
 * identity of it is offline to the economy and inactive to placement.
 */
final class Operators {
  final int n;
  final Behaviour[] behaviour;
  final int[] classIndex;
  final List<String> classNames;
  final int[] gpus;
  final double[] fixedPerSecond;
  final double[] idlePerSecond;
  final double[] busyPerGpuSecond;
  final double[] costPerGpuHour;
  final long[] targetStake;

  final boolean[] participating;
  final boolean[] jailed;
  /** Online to the economy: its own node up and, for a Sybil identity, its whole machine. */
  final boolean[] online;
  /** Its own node up, as the run reports it. */
  final boolean[] ownOnline;
  /** A Sybil identity whose machine is down because another identity's node is. */
  final boolean[] machineDown;
  /** By operator: the identities of its machine (itself alone but for Sybil operators). */
  final int[][] machine;
  final double[] jailedUntil;
  final double[] joinedAt;
  final double[] lastAccrual;

  final double[] epochOnline;
  final double[] epochPresent;
  final double[] epochVerifiedWork;
  final double[] epochCheckWork;
  final double[] epochRevenue;
  final double[] epochCost;
  final double[] epochSlash;

  final double[] trailingProfit;
  final double[] trailingCost;

  final double[] revenueFiat;
  final double[] costFiat;
  final double[] slashFiat;
  final long[] tokensEarned;
  final long[] tokensSlashed;

  // ---- for the summary's returns and the per-operator ledger (metrics/operators.csv)
  final String[] region;
  /** Hardware at its purchase price: the capital besides the stake. */
  final double[] hardwareFiat;
  /** Seconds in the network (participating), for capital-time. */
  final double[] presentSeconds;
  /**
   * Target stake × seconds present, base-unit seconds: with {@link #presentSeconds}, the
   * presence-weighted mean target, which values the capital of returns when a governance
   * upgrade moved targets mid-run ({@link #targetsMoved}).
   */
  final double[] targetPresentUnits;
  /** Whether an upgrade moved any target since genesis; until then each target is constant. */
  boolean targetsMoved;
  /** Revenue set in fiat (fiat-priced fees and tips), valued when received: fiat. */
  final double[] fiatPricedFiat;
  /** Revenue set in tokens (emission, token-priced fees, whistleblower shares): base units. */
  final long[] tokenPricedUnits;
  /** Own stake slashed, per slashing cause ordinal then operator: base units. */
  final long[][] slashedByCause = new long[Cause.values().length][];
  final double[] jailedSeconds;
  final double[] jailedSince;
  /** Lazy detection: first junk result, first fraud slash, first jailing (NaN: never). */
  final double[] firstJunkAt;
  final double[] firstFraudSlashAt;
  final double[] firstJailAt;
  /** Junk results accepted (paid) before the operator's first fraud slash. */
  final long[] junkAcceptedBeforeSlash;

  Operators(List<OperatorSpec> specs) {
    this(specs, 1);
  }

  /** Sybil operators grouped {@code sybilIdentities} to a machine (see the class comment). */
  Operators(List<OperatorSpec> specs, int sybilIdentities) {
    n = specs.size();
    behaviour = new Behaviour[n];
    classIndex = new int[n];
    gpus = new int[n];
    fixedPerSecond = new double[n];
    idlePerSecond = new double[n];
    busyPerGpuSecond = new double[n];
    costPerGpuHour = new double[n];
    targetStake = new long[n];
    participating = new boolean[n];
    jailed = new boolean[n];
    online = new boolean[n];
    ownOnline = new boolean[n];
    machineDown = new boolean[n];
    machine = machines(specs, sybilIdentities);
    jailedUntil = new double[n];
    joinedAt = new double[n];
    lastAccrual = new double[n];
    epochOnline = new double[n];
    epochPresent = new double[n];
    epochVerifiedWork = new double[n];
    epochCheckWork = new double[n];
    epochRevenue = new double[n];
    epochCost = new double[n];
    epochSlash = new double[n];
    trailingProfit = new double[n];
    trailingCost = new double[n];
    revenueFiat = new double[n];
    costFiat = new double[n];
    slashFiat = new double[n];
    tokensEarned = new long[n];
    tokensSlashed = new long[n];
    region = new String[n];
    hardwareFiat = new double[n];
    presentSeconds = new double[n];
    targetPresentUnits = new double[n];
    fiatPricedFiat = new double[n];
    tokenPricedUnits = new long[n];
    for (Cause c : Cause.values()) {
      if (c.isSlash()) {
        slashedByCause[c.ordinal()] = new long[n];
      }
    }
    jailedSeconds = new double[n];
    jailedSince = new double[n];
    firstJunkAt = new double[n];
    firstFraudSlashAt = new double[n];
    firstJailAt = new double[n];
    junkAcceptedBeforeSlash = new long[n];
    java.util.Arrays.fill(firstJunkAt, Double.NaN);
    java.util.Arrays.fill(firstFraudSlashAt, Double.NaN);
    java.util.Arrays.fill(firstJailAt, Double.NaN);
    java.util.LinkedHashMap<String, Integer> classes = new java.util.LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      OperatorSpec s = specs.get(i);
      behaviour[i] = s.behaviour();
      classIndex[i] = classes.computeIfAbsent(s.nodeClass(), k -> classes.size());
      gpus[i] = s.gpus();
      double share = 1.0 / machine[i].length; // of the machine's time-based costs
      fixedPerSecond[i] = s.costs().fixedPerSecond() * share;
      idlePerSecond[i] = s.costs().idlePerSecond() * share;
      busyPerGpuSecond[i] = s.costs().busyPerGpuSecond(s.gpus());
      costPerGpuHour[i] = s.costs().costPerGpuHour(s.gpus())
          - s.costs().fixedPerSecond() * (1 - share) * 3600 / s.gpus();
      region[i] = s.region();
      hardwareFiat[i] = s.costs().purchasePrice() * share; // identities share one machine
      online[i] = true;
      ownOnline[i] = true;
    }
    classNames = List.copyOf(classes.keySet());
  }

  /** Share of its class's stake {@code op} bonds: one over the identities of its machine. */
  double stakeShare(int op) {
    return 1.0 / machine[op].length;
  }

  /**
   * {@code op}'s own node went up or down at {@code now}: accrues every identity of its machine
   * up to then and re-derives which of them are online.
   */
  void setOwnOnline(int op, boolean up, double now) {
    int[] m = machine[op];
    for (int o : m) {
      accrue(o, now);
    }
    ownOnline[op] = up;
    int down = 0;
    for (int o : m) {
      down += ownOnline[o] ? 0 : 1;
    }
    for (int o : m) {
      machineDown[o] = down > (ownOnline[o] ? 0 : 1);
      online[o] = down == 0;
    }
  }

  private static int[][] machines(List<OperatorSpec> specs, int identities) {
    int n = specs.size();
    int[][] out = new int[n][];
    java.util.List<Integer> open = new java.util.ArrayList<>();
    String openClass = null;
    for (int i = 0; i <= n; i++) {
      boolean sybil = i < n && specs.get(i).behaviour() == Behaviour.SYBIL;
      boolean close = i == n || open.size() == identities
          || (sybil && !specs.get(i).nodeClass().equals(openClass));
      if (close && !open.isEmpty()) {
        int[] group = open.stream().mapToInt(Integer::intValue).toArray();
        for (int o : group) {
          out[o] = group;
        }
        open.clear();
      }
      if (sybil) {
        open.add(i);
        openClass = specs.get(i).nodeClass();
      } else if (i < n) {
        out[i] = new int[] {i};
      }
    }
    return out;
  }

  /** Accrues time-based costs and presence of {@code op} up to {@code now}. */
  void accrue(int op, double now) {
    double dt = now - lastAccrual[op];
    if (dt <= 0) {
      return;
    }
    lastAccrual[op] = now;
    if (!participating[op]) {
      return;
    }
    double cost = fixedPerSecond[op] * dt;
    epochPresent[op] += dt;
    presentSeconds[op] += dt;
    targetPresentUnits[op] += targetStake[op] * dt;
    if (online[op]) {
      cost += idlePerSecond[op] * dt;
      epochOnline[op] += dt;
    }
    costFiat[op] += cost;
    epochCost[op] += cost;
  }

  /** Energy of {@code gpuSeconds} of computing by {@code op}. */
  void chargeCompute(int op, double gpuSeconds) {
    double cost = busyPerGpuSecond[op] * gpuSeconds;
    costFiat[op] += cost;
    epochCost[op] += cost;
  }

  /** {@code units} of revenue set in tokens reached {@code op}, worth {@code fiat}. */
  void earn(int op, long units, double fiat) {
    earn(op, units, fiat, 0);
  }

  /**
   * {@code units} of revenue reached {@code op}, worth {@code fiat}, of which the share
   * {@code fiatPriced} was set in fiat (a fee priced in fiat): the break-even price holds that
   * part fixed in fiat and scales the rest with the token price.
   */
  void earn(int op, long units, double fiat, double fiatPriced) {
    tokensEarned[op] += units;
    revenueFiat[op] += fiat;
    epochRevenue[op] += fiat;
    fiatPricedFiat[op] += fiat * fiatPriced;
    tokenPricedUnits[op] += Math.round(units * (1 - fiatPriced));
  }

  /** {@code op} lost {@code units} of its own stake, worth {@code fiat}, for {@code cause}. */
  void lose(int op, long units, double fiat, Cause cause, double now) {
    tokensSlashed[op] += units;
    slashFiat[op] += fiat;
    epochSlash[op] += fiat;
    if (cause.isSlash()) {
      slashedByCause[cause.ordinal()][op] += units;
    }
    if (cause == Cause.SLASH_FRAUD && Double.isNaN(firstFraudSlashAt[op])) {
      firstFraudSlashAt[op] = now;
    }
  }

  /** {@code op} returned a junk result at {@code now}. */
  void junk(int op, double now) {
    if (Double.isNaN(firstJunkAt[op])) {
      firstJunkAt[op] = now;
    }
  }

  /** A junk result of {@code op} was accepted and paid. */
  void junkAccepted(int op) {
    if (Double.isNaN(firstFraudSlashAt[op])) {
      junkAcceptedBeforeSlash[op]++;
    }
  }

  /** {@code op} was jailed at {@code now} (it was free before). */
  void jailed(int op, double now) {
    jailedSince[op] = now;
    if (Double.isNaN(firstJailAt[op])) {
      firstJailAt[op] = now;
    }
  }

  /** {@code op} was released at {@code now}. */
  void released(int op, double now) {
    jailedSeconds[op] += now - jailedSince[op];
  }

  /** Seconds {@code op} has spent in jail up to {@code now}, the current stay included. */
  double jailedSecondsAt(int op, double now) {
    return jailedSeconds[op] + (jailed[op] ? now - jailedSince[op] : 0);
  }

  void resetEpoch() {
    java.util.Arrays.fill(epochOnline, 0);
    java.util.Arrays.fill(epochPresent, 0);
    java.util.Arrays.fill(epochVerifiedWork, 0);
    java.util.Arrays.fill(epochCheckWork, 0);
    java.util.Arrays.fill(epochRevenue, 0);
    java.util.Arrays.fill(epochCost, 0);
    java.util.Arrays.fill(epochSlash, 0);
  }
}
