package dev.weft.network;

import dev.weft.engine.Simulator;
import dev.weft.stats.Tally;
import dev.weft.stats.TimeAverage;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the flow network's changes into time averages and tallies: load and capacity per
 * link kind (their integrals give utilization), throughput (its integral gives bytes moved),
 * live transfers, transfer times.
 */
final class StatsCollector implements FlowNetwork.Observer {
  static final int UP = 0;
  static final int DOWN = 1;
  static final int BACKBONE = 2;
  /** Upload links of content sources (model registries), kept apart from node uplinks. */
  static final int SOURCE = 3;
  private static final int KINDS = 4;

  private final Simulator sim;
  private final int[] kind; // by link
  private final int[] backboneSlot; // by link: index into the per-direction averages, or -1
  private final String[][] backboneEnds;
  private final TimeAverage[] load = new TimeAverage[KINDS];
  private final TimeAverage[] capacity = new TimeAverage[KINDS];
  private final TimeAverage[] backboneLoad;
  private final TimeAverage[] backboneCapacity;
  private final TimeAverage throughput;
  private final TimeAverage live;
  private Tally transferTime = new Tally();
  private double since;
  private long started;
  private long completed;
  private long failed;
  private long cancelled;

  StatsCollector(Simulator sim, int[] kind, double[] capacities, int[] backboneLinks,
      String[][] backboneEnds) {
    this.sim = sim;
    this.kind = kind;
    this.backboneEnds = backboneEnds;
    double now = sim.now();
    since = now;
    double[] total = new double[KINDS];
    for (int l = 0; l < kind.length; l++) {
      total[kind[l]] += capacities[l];
    }
    for (int k = 0; k < KINDS; k++) {
      load[k] = new TimeAverage(now, 0);
      capacity[k] = new TimeAverage(now, total[k]);
    }
    backboneSlot = new int[kind.length];
    java.util.Arrays.fill(backboneSlot, -1);
    backboneLoad = new TimeAverage[backboneLinks.length];
    backboneCapacity = new TimeAverage[backboneLinks.length];
    for (int i = 0; i < backboneLinks.length; i++) {
      backboneSlot[backboneLinks[i]] = i;
      backboneLoad[i] = new TimeAverage(now, 0);
      backboneCapacity[i] = new TimeAverage(now, capacities[backboneLinks[i]]);
    }
    throughput = new TimeAverage(now, 0);
    live = new TimeAverage(now, 0);
  }

  void started() {
    started++;
    live.add(sim.now(), 1);
  }

  @Override
  public void loadChanged(int link, double delta) {
    double now = sim.now();
    load[kind[link]].add(now, delta);
    int b = backboneSlot[link];
    if (b >= 0) {
      backboneLoad[b].add(now, delta);
    }
  }

  @Override
  public void capacityChanged(int link, double oldCapacity, double newCapacity) {
    double now = sim.now();
    capacity[kind[link]].add(now, newCapacity - oldCapacity);
    int b = backboneSlot[link];
    if (b >= 0) {
      backboneCapacity[b].add(now, newCapacity - oldCapacity);
    }
  }

  @Override
  public void throughputChanged(double delta) {
    throughput.add(sim.now(), delta);
  }

  @Override
  public void flowEnded(Flow f) {
    live.add(sim.now(), -1);
    if (f.startTime() < since) {
      return;
    }
    switch (f.status()) {
      case COMPLETED -> {
        completed++;
        transferTime.add(f.endTime() - f.startTime());
      }
      case FAILED -> failed++;
      default -> cancelled++;
    }
  }

  /** Forgets everything before now (end of warm-up); live transfers keep counting as live. */
  void restart() {
    double now = sim.now();
    since = now;
    started = completed = failed = cancelled = 0;
    transferTime = new Tally();
    for (int k = 0; k < KINDS; k++) {
      load[k].restart(now);
      capacity[k].restart(now);
    }
    for (int i = 0; i < backboneLoad.length; i++) {
      backboneLoad[i].restart(now);
      backboneCapacity[i].restart(now);
    }
    throughput.restart(now);
    live.restart(now);
  }

  NetworkStats snapshot() {
    double now = sim.now();
    List<NetworkStats.BackboneUsage> bb = new ArrayList<>();
    for (int i = 0; i < backboneLoad.length; i++) {
      bb.add(new NetworkStats.BackboneUsage(backboneEnds[i][0], backboneEnds[i][1],
          ratio(backboneLoad[i], backboneCapacity[i], now)));
    }
    double bytes = throughput.average(now) * (now - since) / 8;
    NetworkStats.Times times = new NetworkStats.Times(transferTime.mean(),
        transferTime.quantile(0.5), transferTime.quantile(0.95), transferTime.quantile(0.99));
    return new NetworkStats(started, completed, failed, cancelled,
        started - completed - failed - cancelled, bytes, times,
        ratio(load[UP], capacity[UP], now), ratio(load[DOWN], capacity[DOWN], now),
        ratio(load[BACKBONE], capacity[BACKBONE], now), ratio(load[SOURCE], capacity[SOURCE], now),
        live.average(now), bb);
  }

  /** Integral of load over integral of capacity: both averages span the same window. */
  private static double ratio(TimeAverage load, TimeAverage capacity, double now) {
    double c = capacity.average(now);
    return c > 0 ? load.average(now) / c : 0;
  }
}
