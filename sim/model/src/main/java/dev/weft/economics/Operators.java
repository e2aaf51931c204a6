package dev.weft.economics;

import java.util.List;

/**
 * Per-operator state in parallel primitive arrays (a few hundred bytes per operator, so 100,000
 * fit easily): fixed figures, status, the current epoch's accumulators, trailing figures for
 * join/leave decisions, and lifetime totals for the summary. Owned by the {@link Economy}.
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
  final boolean[] online;
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

  Operators(List<OperatorSpec> specs) {
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
    java.util.LinkedHashMap<String, Integer> classes = new java.util.LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      OperatorSpec s = specs.get(i);
      behaviour[i] = s.behaviour();
      classIndex[i] = classes.computeIfAbsent(s.nodeClass(), k -> classes.size());
      gpus[i] = s.gpus();
      fixedPerSecond[i] = s.costs().fixedPerSecond();
      idlePerSecond[i] = s.costs().idlePerSecond();
      busyPerGpuSecond[i] = s.costs().busyPerGpuSecond(s.gpus());
      costPerGpuHour[i] = s.costs().costPerGpuHour(s.gpus());
      online[i] = true;
    }
    classNames = List.copyOf(classes.keySet());
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

  /** {@code units} of revenue reached {@code op}, worth {@code fiat}. */
  void earn(int op, long units, double fiat) {
    tokensEarned[op] += units;
    revenueFiat[op] += fiat;
    epochRevenue[op] += fiat;
  }

  /** {@code op} lost {@code units} of its own stake, worth {@code fiat}. */
  void lose(int op, long units, double fiat) {
    tokensSlashed[op] += units;
    slashFiat[op] += fiat;
    epochSlash[op] += fiat;
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
