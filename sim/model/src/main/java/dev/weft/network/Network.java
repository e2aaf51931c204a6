package dev.weft.network;

import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network of one run: nodes in regions, each behind an access link with its own upload and
 * download capacity, optional capacitated backbone links between regions, and transfers between
 * nodes.
 *
 * <p>A transfer from A to B first waits the one-way latency of the lowest-latency region route
 * (half its RTT; times the TCP latency factor when TCP is modelled), then shares bandwidth max-min
 * fairly on A's uplink, every backbone link on the route, and B's downlink. With TCP, ACKs load
 * the reverse path and the window caps the rate (see {@link TcpModel}).
 *
 * <p>Faults: a backbone link down, a node disconnected (its access link down), or a partition
 * between a set of regions and the rest. Under {@link FaultPolicy#FAIL} the transfers crossing
 * a fault fail; under {@link FaultPolicy#STALL} they wait at rate zero and resume when it heals.
 * A transfer still in its latency meets a fault only when its latency ends. Listeners hear of
 * outcomes from engine events, never from inside these methods. This class holds the topology
 * (nodes, links, routes) and builds transfers; {@link Faults} holds the fault state.
 */
public final class Network {
  private final Simulator sim;
  private final RegionTable regions;
  private final LatencyModel latency;
  private final RegionGraph graph;
  private final TcpModel tcp;
  private final FlowNetwork flows;
  private final Faults faults;
  private final StatsCollector stats;

  private final int[] nodeRegion;
  private final int[] upLink;
  private final int[] downLink;
  private final Map<String, int[]> groups;
  private final int[][] hopLink; // backbone link for a directed region hop, or -1
  private final int[][] backboneLinks; // by backbone index: both directions
  private final String[][] backboneEnds;

  // scratch for building paths; FlowNetwork copies them
  private int[] path = new int[8];
  private double[] weight = new double[8];

  private Network(Builder b) {
    sim = b.sim;
    regions = b.regions;
    latency = b.latency != null ? b.latency : new MatrixLatency(b.regions);
    if (latency.size() != regions.size()) {
      throw new IllegalArgumentException("latency model has " + latency.size()
          + " regions, the table " + regions.size());
    }
    graph = new RegionGraph(latency);
    tcp = b.tcp;
    flows = new FlowNetwork(sim);
    flows.sharing(b.sharing);
    int n = b.nodeRegion.size();
    nodeRegion = new int[n];
    upLink = new int[n];
    downLink = new int[n];
    int links = 2 * n + 2 * b.backbone.size();
    double[] nominal = new double[links]; // capacity of each link when up
    int[] kind = new int[links];
    Map<String, Integer> sharedUp = new java.util.HashMap<>(); // a source's upload link by name
    for (int i = 0; i < n; i++) {
      nodeRegion[i] = b.nodeRegion.get(i);
      // an infinite access capacity means no access link at all (a submitters' gateway or a
      // CDN): flows through it are not coupled by a link that can never bind
      double u = b.up.get(i);
      double d = b.down.get(i);
      Integer shared = b.sourceOf.get(i) == null ? null : sharedUp.get(b.sourceOf.get(i));
      upLink[i] = shared != null ? shared : Double.isInfinite(u) ? -1 : flows.addLink(u);
      downLink[i] = Double.isInfinite(d) ? -1 : flows.addLink(d);
      if (b.sourceOf.containsKey(i)) {
        sharedUp.put(b.sourceOf.get(i), upLink[i]);
      }
      if (upLink[i] >= 0) {
        nominal[upLink[i]] = u;
        kind[upLink[i]] = b.sourceOf.containsKey(i) ? StatsCollector.SOURCE : StatsCollector.UP;
      }
      if (downLink[i] >= 0) {
        nominal[downLink[i]] = d;
        kind[downLink[i]] = StatsCollector.DOWN;
      }
    }
    groups = new LinkedHashMap<>();
    b.groups.forEach((name, ids) -> groups.put(name, ids.stream().mapToInt(x -> x).toArray()));
    int r = regions.size();
    hopLink = new int[r][r];
    for (int[] row : hopLink) {
      Arrays.fill(row, -1);
    }
    backboneLinks = new int[b.backbone.size()][];
    backboneEnds = new String[2 * b.backbone.size()][];
    int[] directed = new int[2 * b.backbone.size()];
    for (int i = 0; i < b.backbone.size(); i++) {
      double[] spec = b.backbone.get(i);
      int x = (int) spec[0];
      int y = (int) spec[1];
      int xy = flows.addLink(spec[2]);
      int yx = flows.addLink(spec[2]);
      hopLink[x][y] = xy;
      hopLink[y][x] = yx;
      backboneLinks[i] = new int[] {xy, yx};
      for (int l : backboneLinks[i]) {
        nominal[l] = spec[2];
        kind[l] = StatsCollector.BACKBONE;
      }
      directed[2 * i] = xy;
      directed[2 * i + 1] = yx;
      backboneEnds[2 * i] = new String[] {regions.id(x), regions.id(y)};
      backboneEnds[2 * i + 1] = new String[] {regions.id(y), regions.id(x)};
    }
    stats = new StatsCollector(sim, kind, nominal, directed, backboneEnds);
    flows.observer(stats);
    faults = new Faults(this, flows, b.policy, nominal);
    flows.gate(faults::admit);
  }

  /** Starts describing a network of nodes in {@code regions}. */
  public static Builder builder(Simulator sim, RegionTable regions) {
    return new Builder(sim, regions);
  }

  // ---- queries

  public Simulator simulator() {
    return sim;
  }

  public RegionTable regions() {
    return regions;
  }

  public LatencyModel latency() {
    return latency;
  }

  public RegionGraph graph() {
    return graph;
  }

  public TcpModel tcp() {
    return tcp;
  }

  public FaultPolicy faultPolicy() {
    return faults.policy();
  }

  /** The bandwidth-sharing core, for inspection (loads, capacities). */
  public FlowNetwork flows() {
    return flows;
  }

  public int nodeCount() {
    return nodeRegion.length;
  }

  public int regionOf(int node) {
    return nodeRegion[node];
  }

  /** Nodes added with group {@code name} (a node class), in id order; empty if none. */
  public int[] nodesIn(String group) {
    int[] ids = groups.get(group);
    return ids == null ? new int[0] : ids.clone();
  }

  public int uplink(int node) {
    return upLink[node];
  }

  public int downlink(int node) {
    return downLink[node];
  }

  /** The backbone link for the directed region hop {@code a} to {@code b}, or -1. */
  int hopLink(int a, int b) {
    return hopLink[a][b];
  }

  /** Half the round-trip time along the route between two nodes' regions, seconds. */
  public double oneWayLatency(int from, int to) {
    return from == to ? 0 : graph.oneWayLatency(nodeRegion[from], nodeRegion[to]);
  }

  /** Seconds before a transfer's first byte arrives (with the TCP factor if modelled). */
  public double transferLatency(int from, int to) {
    return tcp.latency(oneWayLatency(from, to));
  }

  // ---- transfers

  /**
   * Sends {@code bytes} from node {@code from} to node {@code to}; {@code listener} hears of
   * completion or failure. A node sending to itself completes at once.
   */
  public Flow transfer(int from, int to, double bytes, FlowListener listener) {
    int ra = nodeRegion[from];
    int rb = nodeRegion[to];
    int n = 0;
    double oneWay = 0;
    if (from != to) {
      int[] route = graph.routeView(ra, rb);
      ensurePath(2 * (route.length + 1));
      double fw = tcp.forwardWeight();
      if (upLink[from] >= 0) {
        path[n] = upLink[from];
        weight[n++] = fw;
      }
      for (int k = 1; k < route.length; k++) {
        int l = hopLink[route[k - 1]][route[k]];
        if (l >= 0) {
          path[n] = l;
          weight[n++] = fw;
        }
      }
      if (downLink[to] >= 0) {
        path[n] = downLink[to];
        weight[n++] = fw;
      }
      double rw = tcp.reverseWeight();
      if (rw > 0) {
        // ACKs travel back from the receiver: its uplink, the reverse hops, our downlink
        if (upLink[to] >= 0) {
          path[n] = upLink[to];
          weight[n++] = rw;
        }
        for (int k = route.length - 1; k > 0; k--) {
          int l = hopLink[route[k]][route[k - 1]];
          if (l >= 0) {
            path[n] = l;
            weight[n++] = rw;
          }
        }
        if (downLink[from] >= 0) {
          path[n] = downLink[from];
          weight[n++] = rw;
        }
      }
      oneWay = graph.oneWayLatency(ra, rb);
    }
    Flow f = flows.startTagged(path, weight, n, bytes, tcp.latency(oneWay),
        tcp.windowCap(2 * oneWay), listener, from, to);
    stats.started();
    return f;
  }

  /** Stops a live transfer without telling its listener. */
  public void cancel(Flow f) {
    flows.cancel(f);
  }

  private void ensurePath(int n) {
    if (path.length < n) {
      path = new int[n];
      weight = new double[n];
    }
  }

  // ---- faults

  public int backboneCount() {
    return backboneLinks.length;
  }

  /** Index of the backbone link between two regions (either order); -1 if there is none. */
  public int backboneIndex(String a, String b) {
    int l = hopLink[regions.index(a)][regions.index(b)];
    for (int i = 0; i < backboneLinks.length; i++) {
      if (backboneLinks[i][0] == l || backboneLinks[i][1] == l) {
        return i;
      }
    }
    return -1;
  }

  /** Both directions of backbone link {@code b} go down. */
  public void backboneDown(int b) {
    faults.backboneDown(backboneLinks[b]);
  }

  public void backboneUp(int b) {
    faults.backboneUp(backboneLinks[b]);
  }

  /** The node loses its access link (both directions). */
  public void disconnect(int node) {
    faults.disconnect(node);
  }

  public void reconnect(int node) {
    faults.reconnect(node);
  }

  public boolean isConnected(int node) {
    return faults.isConnected(node);
  }

  /**
   * Whether a transfer from {@code from} to {@code to} could move now: both ends connected, no
   * backbone link of the route down and no partition across it. What a scheduler that probes
   * paths before it places work would see.
   */
  public boolean reachable(int from, int to) {
    return from == to
        || faults.reachable(from, to, graph.routeView(nodeRegion[from], nodeRegion[to]));
  }

  /** {@code r} runs after every fault ends (a link up, a node reconnected, a partition healed). */
  public void onRepair(Runnable r) {
    faults.onRepair(r);
  }

  /** New capacities of a node's access link, bits per second (held back while it is down). */
  public void setAccessCapacity(int node, double up, double down) {
    faults.setAccessCapacity(node, up, down);
  }

  /**
   * Cuts {@code side} (region indices) off from every other region until {@link
   * Partition#heal()}: no transfer's route may cross between the two.
   */
  public Partition partition(int... side) {
    Partition p = new Partition(side);
    faults.partition(p);
    return p;
  }

  /** A fault taking backbone link {@code b} down. */
  public Fault backboneFault(int b) {
    return new Fault() {
      @Override
      public void begin() {
        backboneDown(b);
      }

      @Override
      public void end() {
        backboneUp(b);
      }
    };
  }

  /** A fault disconnecting {@code node}. */
  public Fault disconnectFault(int node) {
    return new Fault() {
      @Override
      public void begin() {
        disconnect(node);
      }

      @Override
      public void end() {
        reconnect(node);
      }
    };
  }

  /** A fault partitioning {@code side} from the rest; nested begins share one partition. */
  public Fault partitionFault(int... side) {
    int[] regionsOnSide = side.clone();
    return new Fault() {
      private int depth;
      private Partition current;

      @Override
      public void begin() {
        if (depth++ == 0) {
          current = partition(regionsOnSide);
        }
      }

      @Override
      public void end() {
        if (depth > 0 && --depth == 0) {
          current.heal();
        }
      }
    };
  }

  // ---- statistics

  /** Statistics since the start or the last {@link #restartStats()}. */
  public NetworkStats stats() {
    return stats.snapshot();
  }

  /** Forgets statistics gathered so far (call at the end of warm-up). */
  public void restartStats() {
    stats.restart();
  }

  /** A cut between a set of regions and the others; heal it to let transfers cross again. */
  public final class Partition {
    private final boolean[] inside;
    final List<Flow> held = new ArrayList<>(); // transfers it stalls
    private boolean healed;

    private Partition(int[] side) {
      inside = new boolean[regions.size()];
      for (int r : side) {
        inside[r] = true;
      }
    }

    /** Whether a route of regions crosses between the two sides. */
    boolean crosses(int[] route) {
      for (int k = 1; k < route.length; k++) {
        if (inside[route[k - 1]] != inside[route[k]]) {
          return true;
        }
      }
      return false;
    }

    public boolean isHealed() {
      return healed;
    }

    /** Ends the partition; transfers it held resume. */
    public void heal() {
      if (healed) {
        return;
      }
      healed = true;
      faults.heal(this);
    }
  }

  /** Collects regions, nodes and backbone links; {@link #build()} makes the network. */
  public static final class Builder {
    private final Simulator sim;
    private final RegionTable regions;
    private LatencyModel latency;
    private TcpModel tcp = TcpModel.NONE;
    private FaultPolicy policy = FaultPolicy.FAIL;
    private Sharing sharing = Sharing.EXACT_MAX_MIN;
    private final List<Integer> nodeRegion = new ArrayList<>();
    private final List<Double> up = new ArrayList<>();
    private final List<Double> down = new ArrayList<>();
    private final Map<String, List<Integer>> groups = new LinkedHashMap<>();
    private final List<double[]> backbone = new ArrayList<>();
    private final Map<Integer, String> sourceOf = new java.util.HashMap<>(); // node -> source

    private Builder(Simulator sim, RegionTable regions) {
      this.sim = sim;
      this.regions = regions;
    }

    /** Latency between regions; default the table's matrix. */
    public Builder latency(LatencyModel model) {
      this.latency = model;
      return this;
    }

    /** TCP effects; default {@link TcpModel#NONE}. */
    public Builder tcp(TcpModel model) {
      this.tcp = model;
      return this;
    }

    /** What faults do to transfers; default {@link FaultPolicy#FAIL}. */
    public Builder faultPolicy(FaultPolicy p) {
      this.policy = p;
      return this;
    }

    /** How bandwidth is re-shared after a change; default {@link Sharing#EXACT_MAX_MIN}. */
    public Builder sharing(Sharing s) {
      this.sharing = s;
      return this;
    }

    /** A backbone link of {@code capacity} bits per second each way; returns its index. */
    public int backbone(String from, String to, double capacity) {
      int a = regions.index(from);
      int b = regions.index(to);
      if (a == b) {
        throw new IllegalArgumentException("a backbone link joins two different regions, not "
            + from + " to itself");
      }
      if (!(capacity > 0) || Double.isInfinite(capacity)) {
        throw new IllegalArgumentException("backbone capacity must be finite and > 0");
      }
      for (double[] s : backbone) {
        if ((s[0] == a && s[1] == b) || (s[0] == b && s[1] == a)) {
          throw new IllegalArgumentException("two backbone links between " + from + " and "
              + to);
        }
      }
      backbone.add(new double[] {a, b, capacity});
      return backbone.size() - 1;
    }

    /** A node in {@code region} with the given access capacities (bits/s); returns its id. */
    public int addNode(int region, double upBps, double downBps) {
      return addNode(null, region, upBps, downBps);
    }

    /** As {@link #addNode(int, double, double)}, remembering the node under {@code group}. */
    public int addNode(String group, int region, double upBps, double downBps) {
      if (region < 0 || region >= regions.size()) {
        throw new IllegalArgumentException("no region " + region);
      }
      for (double c : new double[] {upBps, downBps}) {
        if (!(c > 0)) {
          throw new IllegalArgumentException("access capacity must be > 0 (infinite: no link),"
              + " was " + c);
        }
      }
      int id = nodeRegion.size();
      nodeRegion.add(region);
      up.add(upBps);
      down.add(downBps);
      if (group != null) {
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(id);
      }
      return id;
    }

    /**
     * A point of presence of content source {@code source} (a model registry) in {@code region}:
     * it only sends, and all points of presence of one source share one upload link of {@code
     * upBps} (a CDN: edges in every region, one capacity). The statistics count that link
     * apart from the nodes' uplinks.
     */
    public int addSource(String source, int region, double upBps) {
      if (!(upBps > 0) || Double.isInfinite(upBps)) {
        throw new IllegalArgumentException("a source's upload capacity must be finite and > 0");
      }
      for (Map.Entry<Integer, String> e : sourceOf.entrySet()) {
        if (e.getValue().equals(source) && up.get(e.getKey()) != upBps) {
          throw new IllegalArgumentException("source " + source + " has one upload capacity");
        }
      }
      int id = addNode(null, region, upBps, Double.POSITIVE_INFINITY);
      sourceOf.put(id, source);
      return id;
    }

    public Network build() {
      return new Network(this);
    }
  }
}
