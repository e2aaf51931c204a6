package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A hand-built {@link Cluster} for scheduler tests: nodes given explicitly (ids need not follow
 * local indexes), and a {@link Market} and a {@link Geography} whose numbers the test sets. The
 * online list keeps local-index order, so a draw {@code online(k)} can be worked out by hand.
 *
 * <p>The helpers that change a node also tell the scheduler, as the run does: a policy under
 * test sees the same notifications it would see in a run, and nothing else.
 */
final class TestCluster implements Cluster {
  private final Node[] nodes;
  private final Map<Integer, Integer> localById = new HashMap<>();
  private final List<Node> online = new ArrayList<>();
  private final double[] weights;
  private final double[] bids;
  private final int[] regions;
  private double[][] rtt = {{0}};
  private double timeLeft = Double.POSITIVE_INFINITY;
  private Scheduler scheduler;

  private final Market market = new Market() {
    @Override
    public double selectionWeight(Node n) {
      return weights[indexOf(n)];
    }

    @Override
    public double bid(Node n) {
      return bids[indexOf(n)];
    }
  };

  private final Geography geography = new Geography() {
    @Override
    public int regionCount() {
      return rtt.length;
    }

    @Override
    public int regionOf(Node n) {
      return regions[indexOf(n)];
    }

    @Override
    public double rtt(int a, int b) {
      return rtt[a][b];
    }
  };

  TestCluster(Node... nodes) {
    this.nodes = nodes.clone();
    for (int i = 0; i < nodes.length; i++) {
      if (localById.put(nodes[i].id(), i) != null) {
        throw new IllegalArgumentException("duplicate node id " + nodes[i].id());
      }
    }
    weights = new double[nodes.length];
    Arrays.fill(weights, 1.0);
    bids = new double[nodes.length];
    regions = new int[nodes.length];
    refreshOnline();
  }

  /** {@code count} nodes with ids 0.., one slot and speed 1 each. */
  static TestCluster uniform(int count) {
    Node[] ns = new Node[count];
    for (int i = 0; i < count; i++) {
      ns[i] = new Node(i, 0, 1, 1.0);
    }
    return new TestCluster(ns);
  }

  /**
   * A mixed cluster for properties every policy must have: five nodes of 1, 2, 4, 1 and 3 slots
   * and different speeds, in two regions 30 ms apart, with distinct stakes and bids.
   */
  static TestCluster mixed() {
    TestCluster c = new TestCluster(new Node(0, 0, 1, 1.0), new Node(1, 0, 2, 1.5),
        new Node(2, 1, 4, 2.0), new Node(3, 1, 1, 0.5), new Node(4, 2, 3, 1.0));
    c.weights(1, 2, 3, 4, 5).bids(0.5, 0.4, 0.3, 0.2, 0.1).regions(0, 0, 1, 1, 0)
        .rtt(new double[][] {{0.001, 0.030}, {0.030, 0.001}});
    return c;
  }

  /** The id of {@code n}, or -1 for null (the job waits centrally), for readable failures. */
  static int id(Node n) {
    return n == null ? -1 : n.id();
  }

  /** Attaches {@code s} to this cluster; the helpers below notify it from now on. */
  Scheduler attach(Scheduler s, long seed) {
    this.scheduler = s;
    s.attach(this, RandomSource.XO_SHI_RO_256_PP.create(seed));
    return s;
  }

  TestCluster weights(double... w) {
    System.arraycopy(w, 0, weights, 0, w.length);
    return this;
  }

  TestCluster bids(double... b) {
    System.arraycopy(b, 0, bids, 0, b.length);
    return this;
  }

  /** Every job's time left to its deadline from now on (infinity: none). */
  TestCluster timeLeft(double seconds) {
    this.timeLeft = seconds;
    return this;
  }

  @Override
  public double timeLeft(Job job) {
    return timeLeft;
  }

  TestCluster regions(int... r) {
    System.arraycopy(r, 0, regions, 0, r.length);
    return this;
  }

  TestCluster rtt(double[][] seconds) {
    this.rtt = seconds;
    return this;
  }

  /**
   * Brings node at local index {@code i} on or offline and tells the scheduler. Going offline
   * also empties the node, as the run does (its running jobs are interrupted and its queue is
   * re-placed elsewhere), and reports the emptied load.
   */
  void setOnline(int i, boolean on) {
    Node n = nodes[i];
    n.setOnline(on);
    refreshOnline();
    if (scheduler != null) {
      scheduler.availabilityChanged(n);
    }
    if (!on) {
      while (n.busy() > 0) {
        n.releaseSlot();
      }
      n.queued(-n.queued());
      if (scheduler != null) {
        scheduler.loadChanged(n);
      }
    }
  }

  /** Adds {@code delta} jobs to node {@code i}'s local queue and tells the scheduler. */
  void queue(int i, int delta) {
    nodes[i].queued(delta);
    if (scheduler != null) {
      scheduler.loadChanged(nodes[i]);
    }
  }

  /** Sets node {@code i}'s serving load (requests per batch place); tells the scheduler. */
  void serving(int i, double load) {
    nodes[i].setServingLoad(load);
    scheduler.loadChanged(nodes[i]);
  }

  /**
   * Node {@code n} takes a placed job as the run does: on a free slot when its queue is empty,
   * else at the back of its queue; then the scheduler hears of the new load.
   */
  void take(Node n) {
    if (n.hasFreeSlot() && n.queued() == 0) {
      n.occupySlot();
    } else {
      n.queued(1);
    }
    scheduler.loadChanged(n);
  }

  /**
   * Places {@code count} copies of {@code job} in turn and returns the node ids (-1 when the
   * job is held centrally). With {@code take}, each placed job is taken by its node, so loads
   * rise as in a run; without, loads stay as they are.
   */
  List<Integer> place(Job job, int count, boolean take) {
    List<Integer> ids = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Node n = scheduler.place(job);
      ids.add(id(n));
      if (take && n != null) {
        take(n);
      }
    }
    return ids;
  }

  /** One running job on {@code n} ends and its slot is free. */
  void finish(Node n) {
    n.releaseSlot();
    scheduler.loadChanged(n);
  }

  /** Every online node's slots all busy. */
  void fill() {
    for (Node n : nodes) {
      while (n.hasFreeSlot()) {
        n.occupySlot();
      }
      if (scheduler != null) {
        scheduler.loadChanged(n);
      }
    }
  }

  private void refreshOnline() {
    online.clear();
    for (Node n : nodes) {
      if (n.online()) {
        online.add(n);
      }
    }
  }

  @Override
  public int size() {
    return nodes.length;
  }

  @Override
  public Node node(int i) {
    return nodes[i];
  }

  @Override
  public int indexOf(Node n) {
    Integer i = localById.get(n.id());
    if (i == null || nodes[i] != n) {
      throw new IllegalArgumentException("node " + n.id() + " is not in this cluster");
    }
    return i;
  }

  @Override
  public int onlineCount() {
    return online.size();
  }

  @Override
  public Node online(int i) {
    return online.get(i);
  }

  @Override
  public Market market() {
    return market;
  }

  @Override
  public Geography geography() {
    return geography;
  }
}
