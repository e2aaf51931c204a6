package dev.weft.run;

import dev.weft.engine.Simulator;
import dev.weft.network.FlowListener;
import dev.weft.network.ModelCache;
import dev.weft.network.Network;
import dev.weft.network.RegionTable;
import dev.weft.node.Node;
import dev.weft.random.Distribution;
import dev.weft.scenario.AiWorkload;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.Workload;
import dev.weft.scheduling.Geography;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Jobs, weights and results as flows over the modelled network: a placed job's input travels
 * from its submitters' gateway to the node; the first job of a model on a node downloads the
 * weights from the model registry's edge in its region (a cold start; later ones wait for the
 * same download), all downloads sharing the registry's one finite capacity; a result
 * travels back; a
 * verification re-execution ships the input to a verifier and its result to the executor.
 * Each phase is timed on the job, and a failed transfer sends the job back to placement.
 */
final class NetworkTransport implements Transport {
  /** Access link of a node class without a {@code link}, bits per second each way. */
  static final double DEFAULT_ACCESS_LINK = 1e9;

  private final RunContext ctx;
  private final Simulator sim;
  private final Network net;
  private final int[] gatewayOfRegion; // network node id of the submitters' gateway per region
  private final int[] registryOfRegion; // network node id of the model registry per region
  private final ModelCache[] caches;
  private final Map<String, List<WeightsWaiter>> awaitingWeights = new HashMap<>();
  private final Distribution.Sampler[] originOf;
  private final Distribution.Sampler[] inputOf;
  private final Distribution.Sampler[] outputOf;
  private final String[][] originRegions;
  private long coldStarts; // since the end of warm-up, as the network statistics
  private long coldStartsSinceStart; // for the time series, which spans the warm-up too
  private long verificationTransfers; // since the end of warm-up
  private double lastBytesMoved;

  /** Hears whether the model weights a node was fetching arrived. */
  interface WeightsWaiter {
    void arrived(boolean ok);
  }

  /** Builds the network of {@code ctx}'s scenario; its faults go on the clock now. */
  NetworkTransport(RunContext ctx) {
    this.ctx = ctx;
    this.sim = ctx.sim;
    Scenario scenario = ctx.scenario;
    RegionTable regions = ctx.resources.regions();
    Network.Builder b = NetworkSetup.builder(sim, scenario.network(), regions, ctx.streams);
    caches = new ModelCache[ctx.nodes.length];
    List<NodeClass> classes = scenario.nodes();
    for (NodeClass nc : classes) {
      String[] placed = Fleet.regions(nc, regions.id(0), ctx.streams);
      double up = uplink(nc);
      double down = downlink(nc);
      for (int i = 0; i < nc.count(); i++) {
        int nid = b.addNode(nc.name(), regions.index(placed[i]), up, down);
        caches[nid] = new ModelCache(nc.modelCache());
        for (String m : nc.preloaded()) {
          caches[nid].admit(m, ctx.resources.aiModels().get(m).weightBytes());
        }
      }
    }
    gatewayOfRegion = new int[regions.size()];
    double g = scenario.network().gatewayLink() == null ? Double.POSITIVE_INFINITY
        : scenario.network().gatewayLink();
    for (int r = 0; r < regions.size(); r++) {
      gatewayOfRegion[r] = b.addNode("gateway", r, g, g);
    }
    // one model registry for the whole network, served as a hub's CDN serves it: an edge in
    // every region (a cold start never crosses the backbone) and one capacity, the CDN's
    // transfer rate, that every concurrent download shares
    registryOfRegion = new int[regions.size()];
    for (int r = 0; r < regions.size(); r++) {
      registryOfRegion[r] = b.addSource("registry", r, scenario.network().registryLink());
    }
    net = b.build();
    NetworkSetup.scheduleFaults(net, scenario.network(), ctx.streams);
    int nw = scenario.workload().size();
    originOf = new Distribution.Sampler[nw];
    inputOf = new Distribution.Sampler[nw];
    outputOf = new Distribution.Sampler[nw];
    originRegions = new String[nw][];
    for (int w = 0; w < nw; w++) {
      Workload wl = scenario.workload().get(w);
      String base = "workload/" + wl.name();
      Map<String, Double> origin = wl.origin() == null ? Map.of(regions.id(0), 1.0)
          : wl.origin();
      originRegions[w] = origin.keySet().toArray(String[]::new);
      double[] weights = origin.values().stream().mapToDouble(Double::doubleValue).toArray();
      originOf[w] = categorical(weights, ctx.streams.stream(base + "/origin"));
      inputOf[w] = wl.input() == null ? () -> 0.0
          : wl.input().toDistribution().sampler(ctx.streams.stream(base + "/input"));
      outputOf[w] = wl.output() == null ? () -> 0.0
          : wl.output().toDistribution().sampler(ctx.streams.stream(base + "/output-bytes"));
    }
  }

  /** Index i with probability weights[i] / sum, by one uniform draw. */
  private static Distribution.Sampler categorical(double[] weights, UniformRandomProvider rng) {
    double total = Arrays.stream(weights).sum();
    return () -> {
      double u = rng.nextDouble() * total;
      for (int i = 0; i < weights.length; i++) {
        u -= weights[i];
        if (u < 0) {
          return i;
        }
      }
      return weights.length - 1;
    };
  }

  Network network() {
    return net;
  }

  /** Runs {@code r} whenever a fault ends (a partition heals, a link or node returns). */
  void onRepair(Runnable r) {
    net.onRepair(r);
  }

  /** The gateway (network node) of the submitters of {@code job}; draws its origin once. */
  int gatewayOf(JobRun run) {
    if (run.job.origin() < 0) {
      int i = (int) originOf[run.workload()].sample();
      run.job.origin(ctx.resources.regions().index(originRegions[run.workload()][i]));
    }
    return gatewayOfRegion[run.job.origin()];
  }

  int gatewayOfRegion(int region) {
    return gatewayOfRegion[region];
  }

  ModelCache cache(Node n) {
    return caches[n.id()];
  }

  @Override
  public void prepare(JobRun job) {
    gatewayOf(job); // draws the origin now, so placement can see it
    job.job.bytes(Math.max(0, inputOf[job.workload()].sample()),
        Math.max(0, outputOf[job.workload()].sample()));
  }

  private void enterPhase(JobRun job, NetworkPhase phase) {
    job.attempt.phase = phase;
    job.attempt.phaseStart = sim.now();
  }

  /** The phase under way ended: its time counts as network time. */
  void leavePhase(JobRun job) {
    job.networkSeconds += sim.now() - job.attempt.phaseStart;
    job.attempt.phase = NetworkPhase.NONE;
    job.attempt.flow = null;
  }

  @Override
  public void deliver(Station at, JobRun job, JobFlow flow) {
    Node n = at.node;
    if (job.isCheck()) {
      verificationTransfers++; // the job's input to its checker (and the checker's result back)
    }
    job.job.queueAt(n.id());
    n.inbound(1);
    flow.loadChanged(n);
    enterPhase(job, NetworkPhase.INPUT);
    job.attempt.flow = net.transfer(gatewayOf(job), n.id(), job.job.inputBytes(),
        FlowListener.of(
            f -> {
              n.inbound(-1);
              leavePhase(job);
              ensureWeights(at, job, flow);
            },
            f -> {
              n.inbound(-1);
              flow.loadChanged(n); // the schedulers must see the load fall, or they shun n
              leavePhase(job);
              ctx.record(sim.now(), TraceEvent.TRANSFER_FAILED, job.job, n.id());
              flow.transferFailed(job, at);
            }));
  }

  /** AI jobs need their model's weights on the node; the first one there downloads them. */
  private void ensureWeights(Station at, JobRun job, JobFlow flow) {
    Node n = at.node;
    if (!(ctx.workload(job.workload()) instanceof AiWorkload ai)) {
      flow.proceed(at, job);
      return;
    }
    String model = ai.model();
    if (caches[n.id()].touch(model)) {
      flow.proceed(at, job);
      return;
    }
    n.inbound(1);
    enterPhase(job, NetworkPhase.WEIGHTS);
    fetchWeights(n, model, job, flow, ok -> {
      if (job.attempt.phase != NetworkPhase.WEIGHTS) {
        return; // expired while waiting
      }
      n.inbound(-1);
      leavePhase(job);
      if (ok) {
        flow.proceed(at, job);
      } else {
        flow.transferFailed(job, at);
      }
    });
  }

  /**
   * Gets {@code model}'s weights onto {@code n} for {@code waiter}: the first to ask downloads
   * them from the model registry's edge in {@code n}'s region (a cold start); whoever asks
   * while that download is under way, a request or a gang member, waits for the same download.
   */
  void fetchWeights(Node n, String model, JobRun job, JobFlow flow, WeightsWaiter waiter) {
    String key = n.id() + "/" + model;
    List<WeightsWaiter> waiting = awaitingWeights.get(key);
    if (waiting != null) {
      waiting.add(waiter);
      return;
    }
    waiting = new ArrayList<>();
    waiting.add(waiter);
    awaitingWeights.put(key, waiting);
    coldStarts++;
    coldStartsSinceStart++;
    double bytes = ctx.resources.aiModels().get(model).weightBytes();
    ModelCache cache = caches[n.id()];
    ctx.record(sim.now(), TraceEvent.WEIGHTS_DOWNLOAD, job.job, n.id());
    net.transfer(registryOfRegion[net.regionOf(n.id())], n.id(), bytes, FlowListener.of(
        f -> {
          cache.admit(model, bytes);
          releaseWaiting(n, key, true, flow);
        },
        f -> releaseWaiting(n, key, false, flow)));
  }

  private void releaseWaiting(Node n, String key, boolean ok, JobFlow flow) {
    for (WeightsWaiter w : awaitingWeights.remove(key)) {
      w.arrived(ok);
    }
    flow.loadChanged(n);
  }

  @Override
  public void returnResult(Station at, JobRun job, JobFlow flow, double now) {
    Node n = at.node;
    enterPhase(job, NetworkPhase.OUTPUT);
    job.attempt.flow = net.transfer(n.id(), gatewayOf(job), job.job.outputBytes(),
        FlowListener.of(
            f -> {
              leavePhase(job);
              flow.finishCompleted(job, n, sim.now());
            },
            f -> {
              leavePhase(job);
              ctx.record(sim.now(), TraceEvent.TRANSFER_FAILED, job.job, n.id());
              flow.resultLost(job, n, sim.now()); // unpaid, and run again
            }));
  }

  @Override
  public void abandon(JobRun job, Node at, JobFlow flow) {
    if (job.attempt.flow != null) {
      net.cancel(job.attempt.flow);
    }
    if (job.attempt.phase.inbound()) {
      at.inbound(-1);
      flow.loadChanged(at);
    }
    leavePhase(job);
  }

  @Override
  public double coldStartSeconds(Node n, String model) {
    if (caches[n.id()].contains(model)) {
      return 0;
    }
    double bits = 8 * ctx.resources.aiModels().get(model).weightBytes();
    return bits / Math.min(downlink(ctx.nodeClass(n)), ctx.scenario.network().registryLink());
  }

  @Override
  public Geography geography() {
    return new Geography() {
      @Override
      public int regionCount() {
        return net.regions().size();
      }

      @Override
      public int regionOf(Node n) {
        return net.regionOf(n.id());
      }

      @Override
      public double rtt(int a, int b) {
        int ga = gatewayOfRegion[a];
        int gb = gatewayOfRegion[b];
        // a cut path (partition, backbone down) looks infinitely far to a probing scheduler
        return net.reachable(ga, gb) ? 2 * net.oneWayLatency(ga, gb) : Double.POSITIVE_INFINITY;
      }
    };
  }

  @Override
  public void nodeDown(Node n) {
    net.disconnect(n.id()); // transfers to and from it fail (or stall) as the policy says
  }

  @Override
  public void nodeUp(Node n) {
    net.reconnect(n.id()); // a repair: held jobs are re-placed by the repair listeners
  }

  @Override
  public void afterReturn(Node n, Runnable replaceHeld) {
    // reconnecting n in nodeUp already re-placed them
  }

  @Override
  public void endWarmup() {
    net.restartStats();
    // the counts below cover the same window as the transfer statistics
    coldStarts = 0;
    verificationTransfers = 0;
  }

  @Override
  public List<String> seriesColumns() {
    return List.of("networkBytes", "coldStarts");
  }

  @Override
  public double[] sample() {
    double moved = net.stats().bytesMoved();
    double delta = moved >= lastBytesMoved ? moved - lastBytesMoved : moved; // reset at warm-up
    lastBytesMoved = moved;
    return new double[] {delta, coldStartsSinceStart};
  }

  @Override
  public NetworkResult result(double latencyShare, long allReduces, Percentiles allReduceTime) {
    return new NetworkResult(net.stats(), coldStarts, latencyShare, verificationTransfers,
        allReduces, allReduceTime);
  }

  /** A node class's access link capacities; without a {@code link}, the default one. */
  static double uplink(NodeClass nc) {
    return nc.link() == null ? DEFAULT_ACCESS_LINK : nc.link().up();
  }

  static double downlink(NodeClass nc) {
    return nc.link() == null ? DEFAULT_ACCESS_LINK : nc.link().down();
  }
}
