package dev.weft.run;

import dev.weft.economics.ActivityListener;
import dev.weft.economics.EconomicsSummary;
import dev.weft.economics.Economy;
import dev.weft.economics.Result;
import dev.weft.economics.StakeListener;
import dev.weft.engine.Simulator;
import dev.weft.node.Node;
import dev.weft.scheduling.Market;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntPredicate;

/**
 * The run's side of the token economy: what job outcomes and availability changes it reports,
 * and what placement reads back. {@link #NONE} stands in for a scenario without economics, so
 * the job flow never asks whether there is one.
 */
interface RunEconomy extends Market {

  /** No economics: every execution is good, nothing is checked, paid or slashed. */
  RunEconomy NONE = new RunEconomy() { };

  /** The economy of {@code economy} as the run drives it. */
  static RunEconomy of(Economy economy) {
    return new Bound(economy);
  }

  /**
   * Starts the epochs: {@code membership} runs once now (operators below the minimum stake
   * never join); {@code weightsChanged} runs after each epoch's tick. Later changes of who may
   * take work come through {@link #onActivityChange} as they happen. At each epoch's end
   * {@code capacityInUse} answers, for that time, the share of serving capacity used since the
   * previous end: what load-driven fee policies steer by.
   */
  default void begin(Simulator sim, Runnable membership, Runnable weightsChanged,
      DoubleUnaryOperator capacityInUse) {}

  /**
   * Tells {@code l} the moment an operator becomes able or unable to take work (jailed or
   * released, gone or back, below the minimum stake or topped up). Without an economy every
   * operator is always active, and nothing is heard.
   */
  default void onActivityChange(ActivityListener l) {}

  /** Sends the economy's per-operator events to {@code t}, the operator as the node. */
  default void trace(Trace t) {}

  /** Sends every change of an operator's own bonded stake to {@code l}; none without one. */
  default void onStakeChange(StakeListener l) {}

  /** Whether {@code operator}'s execution returns a wrong result or none (flaky, Sybil). */
  default boolean executionFails(int operator) {
    return false;
  }

  /** A failed execution of {@code gpuSeconds}. */
  default void onJobFailed(int operator, double gpuSeconds, double now) {}

  /**
   * What {@code operator}'s execution about to start returns: anything but
   * {@link Result#CORRECT} is junk, returned at once without the compute (lazy).
   */
  default Result execution(int operator) {
    return Result.CORRECT;
  }

  /**
   * {@code operator}'s result {@code r} of {@code gpuSeconds} reached the submitters. Returns how
   * many checkers re-execute it on their own node ({@link #reexecutor}); checkers are drawn
   * among operators for which {@code canRun} holds. {@code secondBid} is the job's auction
   * second price (NaN when no auction placed it).
   */
  default int onJobCompleted(int operator, double gpuSeconds, double outputTokens, double now,
      Result r, IntPredicate canRun, double secondBid) {
    return 0;
  }

  /** The {@code i}-th re-executing checker of the last completed job. */
  default int reexecutor(int i) {
    throw new IndexOutOfBoundsException(i);
  }

  default void onMissedDeadline(int operator, double now) {}

  /** A scenario's fault slashes {@code operator} as for fraud (see {@code Economy}). */
  default void onInjectedFraud(int operator, double now) {}

  default void onOffline(int operator, double now) {}

  default void onOnline(int operator, double now) {}

  /** Whether the operator takes part (has not left for economic reasons). */
  default boolean isActive(int operator) {
    return true;
  }

  @Override
  default double selectionWeight(Node n) {
    return 1.0;
  }

  @Override
  default double bid(Node n) {
    return 0.0;
  }

  /** Adds a row of economic series at {@code now}. */
  default void sample(double now) {}

  /** The measured window opens (end of warm-up): the summary's flows count from now. */
  default void endWarmup(double now) {}

  /**
   * The economic summary at the end, invariants checked; null without economics.
   * {@code utilization} is the capacity in use over the last (partial) epoch.
   */
  default EconomicsSummary close(double now, double utilization) {
    return null;
  }

  /** The economic time series; null without economics. */
  default TimeSeries series() {
    return null;
  }

  /** A real economy. */
  final class Bound implements RunEconomy {
    private final Economy economy;
    private final TimeSeries.Builder series;

    Bound(Economy economy) {
      this.economy = economy;
      List<String> columns = new ArrayList<>();
      columns.add("time");
      columns.addAll(Economy.seriesColumns());
      this.series = new TimeSeries.Builder(columns);
    }

    @Override
    public void begin(Simulator sim, Runnable membership, Runnable weightsChanged,
        DoubleUnaryOperator capacityInUse) {
      membership.run();
      double epoch = economy.epochLength();
      sim.every(epoch, epoch, () -> {
        economy.tick(sim.now(), capacityInUse.applyAsDouble(sim.now()));
        weightsChanged.run();
      });
    }

    @Override
    public void trace(Trace t) {
      economy.onEvent((time, event, operator, tokens) ->
          t.record(time, TraceEvent.of(event), null, operator));
    }

    @Override
    public void onActivityChange(ActivityListener l) {
      economy.onActivityChange(l);
    }

    @Override
    public void onStakeChange(StakeListener l) {
      economy.onStakeChange(l);
    }

    @Override
    public void onInjectedFraud(int operator, double now) {
      economy.onInjectedFraud(operator, now);
    }

    @Override
    public boolean executionFails(int operator) {
      return economy.executionFails(operator);
    }

    @Override
    public void onJobFailed(int operator, double gpuSeconds, double now) {
      economy.onJobFailed(operator, gpuSeconds, now);
    }

    @Override
    public Result execution(int operator) {
      return economy.execution(operator);
    }

    @Override
    public int onJobCompleted(int operator, double gpuSeconds, double outputTokens, double now,
        Result r, IntPredicate canRun, double secondBid) {
      return economy.onJobCompleted(operator, gpuSeconds, outputTokens, now, r, canRun,
          secondBid);
    }

    @Override
    public int reexecutor(int i) {
      return economy.reexecutor(i);
    }

    @Override
    public void onMissedDeadline(int operator, double now) {
      economy.onMissedDeadline(operator, now);
    }

    @Override
    public void onOffline(int operator, double now) {
      economy.onOffline(operator, now);
    }

    @Override
    public void onOnline(int operator, double now) {
      economy.onOnline(operator, now);
    }

    @Override
    public boolean isActive(int operator) {
      return economy.isActive(operator);
    }

    @Override
    public double selectionWeight(Node n) {
      return economy.selectionWeight(n.id());
    }

    @Override
    public double bid(Node n) {
      return economy.bid(n.id());
    }

    @Override
    public void sample(double now) {
      double[] e = economy.sample(now);
      double[] row = new double[e.length + 1];
      row[0] = now;
      System.arraycopy(e, 0, row, 1, e.length);
      series.add(row);
    }

    @Override
    public void endWarmup(double now) {
      economy.endWarmup(now);
    }

    @Override
    public EconomicsSummary close(double now, double utilization) {
      economy.onActivityChange(null); // the run is over: the closing epoch moves no node
      EconomicsSummary s = economy.close(now, utilization);
      economy.checkInvariants(now);
      return s;
    }

    @Override
    public TimeSeries series() {
      return series.build();
    }
  }
}
