package dev.weft.economics;

import dev.weft.scenario.OperatorsConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Endogenous supply: operators leave and return on profitability, with hysteresis.
 *
 * <p>Each operator's trailing profit and cost are exponentially weighted with time constant
 * {@code window} (standing in for a trailing window without storing one value per epoch per
 * operator; the margin profit/cost is unbiased from the start because both averages share the
 * weights). A member leaves when it has been in for a window, its trailing margin is below
 * {@code -h}, and the margin it can expect now is too. An outsider returns when the margin it
 * can expect exceeds {@code +h}. Expected revenue is the network's recent token flow to the
 * compute and availability roles, at today's price, shared by GPUs among the members (the
 * newcomer included). Decisions are taken one operator at a time, worst margin first for
 * leaving and best first for joining, each seeing the members left by the ones before, so
 * identical operators do not all leave or return together.
 */
final class Membership {
  private final Books b;
  private final Stakes stakes;
  private final OperatorsConfig cfg;
  private double flowRate;
  private double utilization;
  private double weight;
  int joins;
  int leaves;

  Membership(Books books, Stakes stakes, OperatorsConfig cfg) {
    this.b = books;
    this.stakes = stakes;
    this.cfg = cfg;
  }

  /** End of an epoch of length {@code dt} that paid {@code flowUnits} to the operator roles. */
  void epoch(double dt, long flowUnits, double epochUtilization, double now) {
    Operators ops = b.ops;
    double a = Math.exp(-dt / cfg.window());
    weight = a * weight + (1 - a);
    flowRate = a * flowRate + (1 - a) * b.tokens(flowUnits) / dt;
    utilization = a * utilization + (1 - a) * epochUtilization;
    double members = 0;
    for (int o = 0; o < ops.n; o++) {
      if (ops.participating[o]) {
        ops.trailingProfit[o] = a * ops.trailingProfit[o]
            + (1 - a) * (ops.epochRevenue[o] - ops.epochCost[o] - ops.epochSlash[o]);
        ops.trailingCost[o] = a * ops.trailingCost[o] + (1 - a) * ops.epochCost[o];
        members += ops.gpus[o];
      }
    }
    if (!cfg.joinLeave()) {
      return;
    }
    double h = cfg.hysteresis();
    List<Integer> out = new ArrayList<>();
    for (int o = 0; o < ops.n; o++) {
      if (ops.participating[o] && now - ops.joinedAt[o] >= cfg.window()
          && trailingMargin(o) < -h) {
        out.add(o);
      }
    }
    out.sort(Comparator.comparingDouble(this::trailingMargin));
    for (int o : out) {
      if (expectedMargin(o, members) < -h) {
        leave(o, now);
        members -= ops.gpus[o];
      }
    }
    // only outsiders who would join were they first in line can join at all
    double base = members;
    List<Integer> in = new ArrayList<>();
    for (int o = 0; o < ops.n; o++) {
      if (!ops.participating[o] && !ops.jailed[o] && expectedMargin(o, base + ops.gpus[o]) > h) {
        in.add(o);
      }
    }
    in.sort(Comparator.comparingDouble((Integer o) -> -expectedMargin(o, base + ops.gpus[o])));
    for (int o : in) {
      if (expectedMargin(o, members + ops.gpus[o]) > h) {
        join(o, now);
        members += ops.gpus[o];
      }
    }
  }

  double trailingMargin(int o) {
    return margin(b.ops.trailingProfit[o], b.ops.trailingCost[o]);
  }

  /** The margin {@code o} can expect now if the members hold {@code memberGpus} GPUs. */
  double expectedMargin(int o, double memberGpus) {
    Operators ops = b.ops;
    double rate = weight > 0 ? flowRate / weight : 0;
    double revenue = memberGpus > 0 ? rate * b.price * ops.gpus[o] / memberGpus : 0;
    double cost = ops.fixedPerSecond[o] + ops.idlePerSecond[o]
        + ops.busyPerGpuSecond[o] * ops.gpus[o] * (weight > 0 ? utilization / weight : 0);
    return margin(revenue - cost, cost);
  }

  private static double margin(double profit, double cost) {
    if (cost > 0) {
      return profit / cost;
    }
    return profit > 0 ? Double.POSITIVE_INFINITY : profit < 0 ? Double.NEGATIVE_INFINITY : 0;
  }

  void leave(int o, double now) {
    b.ops.accrue(o, now);
    b.ops.participating[o] = false;
    stakes.unbondAll(o, now);
    b.refresh(o);
    leaves++;
  }

  private void join(int o, double now) {
    b.ops.accrue(o, now);
    b.ops.participating[o] = true;
    b.ops.joinedAt[o] = now;
    b.ops.trailingProfit[o] = 0;
    b.ops.trailingCost[o] = 0;
    stakes.topUp(o, now);
    b.refresh(o);
    joins++;
  }
}
