package dev.weft.bench;

import dev.weft.engine.Simulator;
import dev.weft.network.Flow;
import dev.weft.network.FlowListener;
import dev.weft.network.FlowNetwork;
import dev.weft.network.Sharing;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A closed loop of concurrent transfers over about 1,000 links (10,000 for {@link
 * Topology#SPARSE}): every completion starts a new transfer between two random nodes, so the
 * number of flows stays constant and each completion is one flow finish plus one flow start.
 * Sizes are exponential with mean 10 MB; latency 0, so every event is solver work. The sequence
 * of transfers (ends and sizes) depends only on the seed, so two sharing modes see the same
 * transfers, started at different times.
 */
public final class FlowWorkload {

  /** The link layouts measured. */
  public enum Topology {
    /** 500 nodes with 100 Mbps up and 1 Gbps down: uploads are the bottleneck (home links). */
    ASYMMETRIC,
    /** 500 nodes with 1 Gbps both ways: bottlenecks on either end, changes reach further. */
    SYMMETRIC,
    /** 455 nodes (1 Gbps both ways) in 10 regions joined by 90 directed 4 Gbps backbone links. */
    BACKBONE,
    /** For contrast, outside the 1,000-link target: 5,000 nodes at 1 Gbps both ways. */
    SPARSE
  }

  static final double MEAN_BYTES = 10e6;

  private final Simulator sim = new Simulator();
  private final FlowNetwork net = new FlowNetwork(sim);
  private final SplittableRandom rnd;
  private final int nodes;
  private final int regions;
  private final int[] up;
  private final int[] down;
  private final int[][] backbone;
  private final int[] path3 = new int[3];
  private final int[] path2 = new int[2];
  private final double[] w3 = {1, 1, 1};
  private final double[] w2 = {1, 1};
  private long completions;
  private double[] completionTimes; // seconds from start to last byte, while recording
  private int recorded;
  private double recordedBytes;
  private final FlowListener restart = new FlowListener() {
    @Override
    public void completed(Flow flow) {
      completions++;
      if (completionTimes != null) {
        record(flow);
      }
      startOne();
    }

    @Override
    public void failed(Flow flow) {}
  };

  public FlowWorkload(Topology topology, int flows, long seed) {
    this(topology, flows, seed, Sharing.EXACT_MAX_MIN);
  }

  public FlowWorkload(Topology topology, int flows, long seed, Sharing sharing) {
    net.sharing(sharing);
    rnd = new SplittableRandom(seed);
    nodes = switch (topology) {
      case BACKBONE -> 455;
      case SPARSE -> 5000;
      default -> 500;
    };
    regions = topology == Topology.BACKBONE ? 10 : 1;
    double upBps = topology == Topology.ASYMMETRIC ? 100e6 : 1e9;
    up = new int[nodes];
    down = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      up[i] = net.addLink(upBps);
      down[i] = net.addLink(1e9);
    }
    backbone = new int[regions][regions];
    for (int a = 0; a < regions; a++) {
      for (int b = 0; b < regions; b++) {
        backbone[a][b] = a == b ? -1 : net.addLink(4e9);
      }
    }
    for (int i = 0; i < flows; i++) {
      startOne();
    }
  }

  private void startOne() {
    int src = rnd.nextInt(nodes);
    int dst = rnd.nextInt(nodes - 1);
    if (dst >= src) {
      dst++;
    }
    double bytes = -MEAN_BYTES * Math.log(1 - rnd.nextDouble());
    int ra = src % regions;
    int rb = dst % regions;
    if (ra == rb) {
      path2[0] = up[src];
      path2[1] = down[dst];
      net.start(path2, w2, bytes, 0, Double.POSITIVE_INFINITY, restart);
    } else {
      path3[0] = up[src];
      path3[1] = backbone[ra][rb];
      path3[2] = down[dst];
      net.start(path3, w3, bytes, 0, Double.POSITIVE_INFINITY, restart);
    }
  }

  private void record(Flow flow) {
    if (recorded == completionTimes.length) {
      completionTimes = Arrays.copyOf(completionTimes, recorded * 2);
    }
    completionTimes[recorded++] = sim.now() - flow.startTime();
    recordedBytes += flow.bytes();
  }

  /** From now on, keeps the completion time and size of every transfer that completes. */
  public void startRecording() {
    completionTimes = new double[1024];
    recorded = 0;
    recordedBytes = 0;
  }

  /** Completion times (start to last byte, seconds) recorded so far, in completion order. */
  public double[] completionTimes() {
    return completionTimes == null ? new double[0] : Arrays.copyOf(completionTimes, recorded);
  }

  /** Bytes of the transfers recorded so far. */
  public double recordedBytes() {
    return recordedBytes;
  }

  /** Exact full solves that replaced a local allocation (local sharing). */
  public long reanchors() {
    return net.reanchors();
  }

  /** Runs until {@code n} more transfers have completed (and as many have started). */
  public void advance(long n) {
    long target = completions + n;
    sim.runUntil(() -> completions >= target);
  }

  public int links() {
    return net.linkCount();
  }

  public int liveFlows() {
    return net.liveFlows();
  }

  public double now() {
    return sim.now();
  }

  public long events() {
    return sim.eventsFired();
  }
}
