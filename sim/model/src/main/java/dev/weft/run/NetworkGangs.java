package dev.weft.run;

import dev.weft.engine.Simulator;
import dev.weft.network.Network;
import dev.weft.node.Node;
import dev.weft.scenario.NodeClass;
import dev.weft.stats.Tally;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Data-parallel training jobs, first come first served per placement group: the head of a
 * group's gang queue waits until enough nodes are free, then a {@link GangAttempt} runs it on
 * all of them at once.
 */
final class NetworkGangs implements Gangs {
  private final RunContext ctx;
  private final Simulator sim;
  private final Placement placement;
  private final RunMetrics metrics;
  private final NetworkTransport transport;
  private final Network net;
  final TrainingTimes training;
  final JobFlow flow;
  /** Draws among equally good gangs, so the listing order of the classes decides nothing. */
  private final UniformRandomProvider ties;
  private boolean attemptScheduled;
  private long allReduces;
  private final Tally allReduceSeconds = new Tally();

  NetworkGangs(RunContext ctx, Placement placement, RunMetrics metrics,
      NetworkTransport transport, TrainingTimes training, JobFlow flow) {
    this.ctx = ctx;
    this.sim = ctx.sim;
    this.placement = placement;
    this.metrics = metrics;
    this.transport = transport;
    this.net = transport.network();
    this.training = training;
    this.flow = flow;
    this.ties = ctx.streams.stream("gangs/ties");
  }

  RunContext context() {
    return ctx;
  }

  NetworkTransport transport() {
    return transport;
  }

  RunMetrics metrics() {
    return metrics;
  }

  @Override
  public void requestAttempt() {
    if (attemptScheduled) {
      return;
    }
    for (Placement.Group g : placement.groups()) {
      if (!g.gangs.isEmpty()) {
        attemptScheduled = true;
        sim.schedule(0, this::placeGangs);
        return;
      }
    }
  }

  @Override
  public long allReduces() {
    return allReduces;
  }

  @Override
  public Tally allReduceSeconds() {
    return allReduceSeconds;
  }

  /** An all-reduce that began at {@code start} just finished. */
  void allReduceDone(double start) {
    if (sim.now() >= sim.warmupTime()) {
      allReduces++;
      allReduceSeconds.add(sim.now() - start);
    }
  }

  /** First come, first served per group: the head waits until enough nodes are free. */
  private void placeGangs() {
    attemptScheduled = false;
    for (Placement.Group g : placement.groups()) {
      JobRun j;
      while ((j = g.gangs.peekFirst()) != null) {
        if (!j.job.isWaiting()) {
          g.gangs.pollFirst();
          continue;
        }
        Node[] members = pickGang(g, j);
        if (members == null) {
          break;
        }
        g.gangs.pollFirst();
        metrics.queued(-1);
        new GangAttempt(this, j, members).begin();
      }
    }
  }

  /**
   * {@code size} free nodes for a data-parallel job, or null. Free means online, connected,
   * with a free slot and nothing queued. Each node class that has enough free nodes offers a
   * gang gathered from its most populated region outwards by round-trip time (a region is
   * skipped when the job's origin cannot reach it, or when it cannot reach a region already in
   * the gang); the gang with the shortest estimated step (the class's compute plus a ring
   * all-reduce over its slowest access link and widest round trip) wins.
   * When no class has enough, the free nodes of all classes are gathered the same way.
   */
  private Node[] pickGang(Placement.Group g, JobRun job) {
    int size = ctx.workload(job.workload()).nodes();
    List<List<Node>> byClass = new ArrayList<>();
    for (int c = 0; c < ctx.scenario.nodes().size(); c++) {
      byClass.add(new ArrayList<>());
    }
    List<Node> free = new ArrayList<>();
    for (int i = 0; i < g.cluster.onlineCount(); i++) {
      Node n = g.cluster.online(i);
      if (n.hasFreeSlot() && n.queued() == 0 && net.isConnected(n.id())) {
        byClass.get(n.classIndex()).add(n);
        free.add(n);
      }
    }
    if (free.size() < size) {
      return null;
    }
    int origin = transport.gatewayOf(job);
    Node[] best = null;
    double bestStep = Double.POSITIVE_INFINITY;
    int tied = 0;
    for (List<Node> candidates : byClass) {
      Node[] gang = candidates.size() < size ? null : gather(candidates, size, origin);
      if (gang != null) {
        double step = estimatedStep(gang, job.workload());
        if (step < bestStep) {
          bestStep = step;
          best = gang;
          tied = 1;
        } else if (step == bestStep && ties.nextInt(++tied) == 0) {
          best = gang; // each of the tied gangs is kept with probability 1 / tied
        }
      }
    }
    return best != null ? best : gather(byStepThenDrawn(free, job.workload()), size, origin);
  }

  /**
   * {@code nodes} with the fastest classes first (a mixed gang steps at its slowest member's
   * pace), nodes of equally fast classes in a drawn order rather than the listing order.
   */
  private List<Node> byStepThenDrawn(List<Node> nodes, int w) {
    for (int i = nodes.size() - 1; i > 0; i--) { // Fisher-Yates, then a stable sort
      int j = ties.nextInt(i + 1);
      Node t = nodes.get(i);
      nodes.set(i, nodes.get(j));
      nodes.set(j, t);
    }
    nodes.sort(Comparator.comparingDouble(n -> training.step(n.classIndex(), w).seconds()));
    return nodes;
  }

  /**
   * {@code size} of {@code candidates}: the most populated region first, then the nearest.
   * Regions the job's input cannot reach from {@code origin} (a gateway) are left out.
   */
  private Node[] gather(List<Node> candidates, int size, int origin) {
    int regions = net.regions().size();
    int[] count = new int[regions];
    for (Node n : candidates) {
      count[net.regionOf(n.id())]++;
    }
    for (int r = 0; r < regions; r++) {
      if (count[r] > 0 && !net.reachable(origin, transport.gatewayOfRegion(r))) {
        count[r] = 0;
      }
    }
    int seed = 0;
    for (int r = 1; r < regions; r++) {
      if (count[r] > count[seed]) {
        seed = r;
      }
    }
    int home = transport.gatewayOfRegion(seed);
    Integer[] order = new Integer[regions];
    for (int r = 0; r < regions; r++) {
      order[r] = r;
    }
    Arrays.sort(order, Comparator.comparingDouble(
        (Integer r) -> net.oneWayLatency(home, transport.gatewayOfRegion(r)))
        .thenComparingInt(r -> r));
    Node[] gang = new Node[size];
    int k = 0;
    List<Integer> chosen = new ArrayList<>();
    for (int r : order) {
      if (count[r] == 0 || !reachesAll(transport.gatewayOfRegion(r), chosen)) {
        continue;
      }
      chosen.add(r);
      for (Node n : candidates) {
        if (net.regionOf(n.id()) == r) {
          gang[k++] = n;
          if (k == size) {
            return gang;
          }
        }
      }
    }
    return null;
  }

  /**
   * Whether a ring through {@code gateway}'s region and every region in {@code regions} could
   * move data now, both ways (a backbone link down between two of them cuts the ring even when
   * each still reaches the first).
   */
  private boolean reachesAll(int gateway, List<Integer> regions) {
    for (int r : regions) {
      int other = transport.gatewayOfRegion(r);
      if (!net.reachable(gateway, other) || !net.reachable(other, gateway)) {
        return false;
      }
    }
    return true;
  }

  /** Seconds of one synchronous step on {@code gang}, links unloaded: to compare gangs. */
  private double estimatedStep(Node[] gang, int w) {
    double compute = 0;
    double bandwidth = Double.POSITIVE_INFINITY;
    for (Node n : gang) {
      NodeClass nc = ctx.nodeClass(n);
      compute = Math.max(compute, training.step(n.classIndex(), w).seconds());
      bandwidth = Math.min(bandwidth, Math.min(NetworkTransport.uplink(nc),
          NetworkTransport.downlink(nc)) / 8);
    }
    return compute + 2 * (gang.length - 1) * ringHopLatency(gang)
        + training.ringBytes(gang.length, w) / bandwidth;
  }

  /** The longest hop latency around {@code ring} (member i sends to member i + 1). */
  double ringHopLatency(Node[] ring) {
    double hop = 0;
    for (int i = 0; i < ring.length; i++) {
      hop = Math.max(hop, net.transferLatency(ring[i].id(), ring[(i + 1) % ring.length].id()));
    }
    return hop;
  }
}
