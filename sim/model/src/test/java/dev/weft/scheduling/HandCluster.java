package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster built by hand for placement tests: nodes as given, bids and regions set by the
 * test, and {@link Cluster#delay}'s default, (load + 1 / slots) / speed. The online list keeps
 * the given order. Changes go through {@link #queue} and {@link #setOnline}, which tell the
 * attached scheduler as the run does.
 */
final class HandCluster implements Cluster {
  private final Node[] nodes;
  private final double[] bids;
  private final int[] regions;
  private final double[][] rtt;
  private static final Job JOB = new Job(0, 0, 0, 1, true);
  private Scheduler scheduler;

  HandCluster(Node... nodes) {
    this(new int[nodes.length], new double[][] {{0}}, nodes);
  }

  HandCluster(int[] regions, double[][] rtt, Node... nodes) {
    this.nodes = nodes;
    this.bids = new double[nodes.length];
    this.regions = regions;
    this.rtt = rtt;
  }

  /** {@code count} nodes of one slot at {@code speed}, ids from {@code firstId}. */
  static Node[] nodes(int firstId, int count, double speed) {
    Node[] out = new Node[count];
    for (int i = 0; i < count; i++) {
      out[i] = new Node(firstId + i, 0, 1, speed);
    }
    return out;
  }

  HandCluster bids(double... b) {
    System.arraycopy(b, 0, bids, 0, b.length);
    if (scheduler != null) {
      scheduler.weightsChanged();
    }
    return this;
  }

  Scheduler attach(String policy, long seed) {
    scheduler = Schedulers.create(policy);
    scheduler.attach(this, org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP
        .create(seed));
    return scheduler;
  }

  /** Adds {@code delta} jobs to node {@code i}'s queue and tells the scheduler. */
  void queue(int i, int delta) {
    nodes[i].queued(delta);
    scheduler.loadChanged(nodes[i]);
  }

  void setOnline(int i, boolean online) {
    nodes[i].setOnline(online);
    scheduler.availabilityChanged(nodes[i]);
  }

  /** Places one job; the chosen node queues it when {@code take}. Local index, -1 for none. */
  int place(boolean take) {
    Node n = scheduler.place(JOB);
    if (n == null) {
      return -1;
    }
    if (take) {
      queue(indexOf(n), 1);
    }
    return indexOf(n);
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
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] == n) {
        return i;
      }
    }
    throw new IllegalArgumentException("node " + n.id() + " is not here");
  }

  @Override
  public int onlineCount() {
    return online().size();
  }

  @Override
  public Node online(int i) {
    return online().get(i);
  }

  private List<Node> online() {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      if (n.online()) {
        out.add(n);
      }
    }
    return out;
  }

  @Override
  public Market market() {
    return new Market() {
      @Override
      public double selectionWeight(Node n) {
        return 1;
      }

      @Override
      public double bid(Node n) {
        return bids[indexOf(n)];
      }
    };
  }

  @Override
  public Geography geography() {
    return new Geography() {
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
  }
}
