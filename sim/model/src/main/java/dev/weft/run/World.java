package dev.weft.run;

import dev.weft.ai.AiModel;
import dev.weft.ai.InferenceCost;
import dev.weft.ai.Memory;
import dev.weft.ai.Timing;
import dev.weft.ai.TrainingCost;
import dev.weft.economics.EconomicsSummary;
import dev.weft.economics.Economy;
import dev.weft.engine.Simulator;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.Label;
import dev.weft.network.Flow;
import dev.weft.network.FlowListener;
import dev.weft.network.ModelCache;
import dev.weft.network.Network;
import dev.weft.network.RegionTable;
import dev.weft.node.Node;
import dev.weft.random.Distribution;
import dev.weft.random.Distributions;
import dev.weft.random.RandomStreams;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.Workload;
import dev.weft.scheduling.Scheduler;
import dev.weft.scheduling.Schedulers;
import dev.weft.serving.InferenceEngine;
import dev.weft.serving.Request;
import dev.weft.serving.ServingLimits;
import dev.weft.stats.Tally;
import dev.weft.stats.TimeAverage;
import dev.weft.workload.ArrivalTrace;
import dev.weft.workload.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The mutable state of one run and the job flow through it: arrival, placement, queueing,
 * service (a slot for synthetic and training jobs, a continuous-batching engine for inference
 * requests), and the outcomes completed, failed (node churn or faulty execution beyond the
 * retries) or expired (deadline). Build one per run; {@link #run} may be called once.
 *
 * <p>Workloads are grouped by the node classes able to run them (an AI model must fit the
 * node's GPUs); each group has its own scheduler over its own {@link SubCluster}, so placement
 * never picks a node that cannot take the job.
 */
public final class World {

  private static final List<String> SERIES_COLUMNS = List.of("time", "queued", "running",
      "onlineNodes", "utilization", "submitted", "completed", "failed", "expired", "throughput");
  private static final int KIND_SYNTHETIC = 0;
  private static final int KIND_INFERENCE = 1;
  private static final int KIND_TRAINING = 2;

  private final Scenario scenario;
  private final Resources resources;
  private final Simulator sim = new Simulator();
  private final RandomStreams streams;
  private final Node[] nodes;
  private final List<Group> groups = new ArrayList<>();
  private final int[] groupOfWorkload;
  private final int[][] groupsOfNode;
  private final int[] kindOfWorkload;
  private long nextJobId;
  private Trace trace = Trace.NONE;

  private final Economy economy;
  private final boolean[] churnDown;
  private final boolean[] departed;
  private final Stream[] streamsByWorkload;
  private final ChurnModel[] churnByClass;

  // serving and training on real hardware
  private final String[] inferenceModels; // distinct models of inference workloads
  private final int[] modelOfWorkload;    // index into inferenceModels, -1 otherwise
  private final InferenceEngine[][] engines; // [node][model], created on first use
  private final InferenceCost[][] costByClass; // [class][model]
  private final double[][] labelSeconds; // [class][Label.ordinal()]
  private final double[][] trainingStep; // [class][workload] seconds per step, NaN unknown
  private final boolean[] servingBusy; // [node] whether any engine of the node has work
  private final Timing[][] trainingTiming;
  /** Access link of a node class without a {@code link}, bits per second each way. */
  private static final double DEFAULT_ACCESS_LINK = 1e9;
  private final int[] gangSize; // [workload] nodes a job runs on at once
  private boolean gangAttemptScheduled;
  private long allReduces;
  private final Tally allReduceSeconds = new Tally();

  // network
  private final Network net;
  private final int[] gatewayOfRegion; // network node id of the submitters' gateway per region
  private final ModelCache[] caches;
  private final Map<String, List<WeightsWaiter>> awaitingWeights = new java.util.HashMap<>();
  private final Distribution.Sampler[] originOf;
  private final Distribution.Sampler[] inputOf;
  private final Distribution.Sampler[] outputOf;
  private final String[][] originRegions;
  private long coldStarts;
  private long verificationTransfers;
  private final org.apache.commons.rng.UniformRandomProvider verifierRng;
  private double networkSecondsCounted;
  private double latencySecondsCounted;

  // statistics
  private final JobAccount all = new JobAccount();
  private final JobAccount[] byWorkload;
  private final Tally ttftAll = new Tally();
  private final Tally[] ttftByWorkload;
  private final TimeAverage busySlots = new TimeAverage(0, 0);
  private final TimeAverage onlineSlots;
  private final TimeAverage onlineNodes;
  private final TimeAverage[] classBusy;
  private final TimeAverage[] classOnline;
  private final long[] classCompleted;
  private final Tally[] classLatency;
  private int queuedLive;
  private final TimeSeries.Builder series;
  private double lastBytesMoved;
  private final TimeSeries.Builder economySeries;
  private final double[] intervalCounts = new double[4]; // submitted, completed, failed, expired
  private boolean ran;

  /** Weights, bids and geography the schedulers read; the economy's and network's. */
  interface Weights {
    double selectionWeight(Node n);

    double bid(Node n);

    int regionCount();

    int regionOf(Node n);

    double rtt(int a, int b);
  }

  /** Workloads that may run on the same node classes, placed by one scheduler. */
  private static final class Group {
    final SubCluster cluster;
    final Scheduler scheduler;
    final ArrayDeque<Job> central = new ArrayDeque<>();
    int centralLive;
    final ArrayDeque<Job> gangs = new ArrayDeque<>(); // data-parallel jobs waiting for nodes

    Group(SubCluster cluster, Scheduler scheduler) {
      this.cluster = cluster;
      this.scheduler = scheduler;
    }
  }

  public World(Scenario scenario) {
    this(scenario, Resources.NONE);
  }

  public World(Scenario scenario, Resources resources) {
    this.scenario = scenario;
    this.resources = resources;
    this.streams = new RandomStreams(scenario.seed());
    List<NodeClass> classes = scenario.nodes();
    nodes = new Node[scenario.nodeCount()];
    churnByClass = new ChurnModel[classes.size()];
    classBusy = new TimeAverage[classes.size()];
    classOnline = new TimeAverage[classes.size()];
    classCompleted = new long[classes.size()];
    classLatency = new Tally[classes.size()];
    int id = 0;
    long totalSlots = 0;
    for (int c = 0; c < classes.size(); c++) {
      NodeClass nc = classes.get(c);
      for (int i = 0; i < nc.count(); i++) {
        nodes[id] = new Node(id, c, nc.slots(), nc.speed());
        id++;
      }
      totalSlots += (long) nc.count() * nc.slots();
      classBusy[c] = new TimeAverage(0, 0);
      classOnline[c] = new TimeAverage(0, (double) nc.count() * nc.slots());
      classLatency[c] = new Tally();
      if (nc.availability() != null) {
        churnByClass[c] = new ChurnModel(nc.availability().uptime().toDistribution(),
            nc.availability().downtime().toDistribution());
      }
    }
    onlineSlots = new TimeAverage(0, totalSlots);
    onlineNodes = new TimeAverage(0, nodes.length);

    int nw = scenario.workload().size();
    kindOfWorkload = new int[nw];
    modelOfWorkload = new int[nw];
    List<String> models = new ArrayList<>();
    for (int w = 0; w < nw; w++) {
      Workload wl = scenario.workload().get(w);
      kindOfWorkload[w] = switch (wl.kind()) {
        case "inference" -> KIND_INFERENCE;
        case "training" -> KIND_TRAINING;
        default -> KIND_SYNTHETIC;
      };
      modelOfWorkload[w] = -1;
      if (kindOfWorkload[w] == KIND_INFERENCE) {
        if (!models.contains(wl.model())) {
          models.add(wl.model());
        }
        modelOfWorkload[w] = models.indexOf(wl.model());
      }
    }
    inferenceModels = models.toArray(String[]::new);
    engines = new InferenceEngine[nodes.length][];
    costByClass = new InferenceCost[classes.size()][inferenceModels.length];
    labelSeconds = new double[classes.size()][Label.values().length];
    trainingStep = new double[classes.size()][nw];
    trainingTiming = new Timing[classes.size()][nw];
    gangSize = new int[nw];
    for (int w = 0; w < nw; w++) {
      Workload wl = scenario.workload().get(w);
      gangSize[w] = wl.nodes();
      if (wl.nodes() > 1 && (kindOfWorkload[w] != KIND_TRAINING || scenario.network() == null)) {
        throw new IllegalArgumentException("workload " + wl.name() + " runs on " + wl.nodes()
            + " nodes: only training can, and it needs a network section");
      }
    }

    streamsByWorkload = new Stream[nw];
    byWorkload = new JobAccount[nw];
    ttftByWorkload = new Tally[nw];
    for (int w = 0; w < nw; w++) {
      streamsByWorkload[w] = new Stream(w, scenario.workload().get(w));
      byWorkload[w] = new JobAccount();
      ttftByWorkload[w] = new Tally();
    }
    churnDown = new boolean[nodes.length];
    departed = new boolean[nodes.length];
    servingBusy = new boolean[nodes.length];
    economy = scenario.economics() == null ? null
        : Economy.create(scenario.economics(), Fleet.operators(scenario, streams, resources),
            streams);
    economySeries = economy == null ? null : new TimeSeries.Builder(economyColumns());

    groupOfWorkload = new int[nw];
    groupsOfNode = new int[nodes.length][];
    buildGroups();

    originOf = new Distribution.Sampler[nw];
    inputOf = new Distribution.Sampler[nw];
    outputOf = new Distribution.Sampler[nw];
    originRegions = new String[nw][];
    if (scenario.network() == null) {
      net = null;
      gatewayOfRegion = null;
      caches = null;
    } else {
      RegionTable regions = resources.regions();
      Network.Builder b = NetworkSetup.builder(sim, scenario.network(), regions, streams);
      caches = new ModelCache[nodes.length];
      for (int c = 0; c < classes.size(); c++) {
        NodeClass nc = classes.get(c);
        String[] placed = Fleet.apportion(nc.regions() == null
            ? Map.of(regions.id(0), 1.0) : nc.regions(), nc.count(),
            streams.stream("node/" + nc.name() + "/regions"));
        double up = uplink(nc);
        double down = downlink(nc);
        for (int i = 0; i < nc.count(); i++) {
          int nid = b.addNode(nc.name(), regions.index(placed[i]), up, down);
          caches[nid] = new ModelCache(nc.modelCache());
        }
      }
      gatewayOfRegion = new int[regions.size()];
      double g = scenario.network().gatewayLink() == null ? Double.POSITIVE_INFINITY
          : scenario.network().gatewayLink();
      for (int r = 0; r < regions.size(); r++) {
        gatewayOfRegion[r] = b.addNode("gateway", r, g, g);
      }
      net = b.build();
      NetworkSetup.scheduleFaults(net, scenario.network(), streams);
      net.onRepair(this::afterRepair);
      for (int w = 0; w < nw; w++) {
        Workload wl = scenario.workload().get(w);
        String base = "workload/" + wl.name();
        Map<String, Double> origin = wl.origin() == null ? Map.of(regions.id(0), 1.0)
            : wl.origin();
        originRegions[w] = origin.keySet().toArray(String[]::new);
        double[] weights = origin.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] idx = new double[weights.length];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = i;
        }
        var rng = streams.stream(base + "/origin");
        double total = java.util.Arrays.stream(weights).sum();
        originOf[w] = () -> {
          double u = rng.nextDouble() * total;
          for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
              return i;
            }
          }
          return weights.length - 1;
        };
        inputOf[w] = wl.input() == null ? () -> 0.0
            : wl.input().toDistribution().sampler(streams.stream(base + "/input"));
        outputOf[w] = wl.output() == null ? () -> 0.0
            : wl.output().toDistribution().sampler(streams.stream(base + "/output-bytes"));
      }
    }
    verifierRng = streams.stream("network/verifiers");
    List<String> columns = new ArrayList<>(SERIES_COLUMNS);
    if (net != null) {
      columns.addAll(List.of("networkBytes", "coldStarts"));
    }
    series = new TimeSeries.Builder(columns);
  }

  /** Node classes able to run workload {@code w}: all for synthetic jobs, else where it fits. */
  public static List<Integer> eligibleClasses(Scenario s, Resources r, int w) {
    Workload wl = s.workload().get(w);
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < s.nodes().size(); c++) {
      NodeClass nc = s.nodes().get(c);
      if (wl.kind().equals("synthetic")) {
        out.add(c);
        continue;
      }
      Hardware hw = r.hardware().get(nc.hardware());
      AiModel m = r.aiModels().get(wl.model());
      boolean fits = hw != null && m != null && hw.hasFigures()
          && (wl.kind().equals("training")
              ? Memory.fitsTraining(m, hw, nc.gpus(), wl.batchSequences(), wl.sequenceLength())
              : Memory.fits(m, hw, nc.gpus()));
      if (fits) {
        out.add(c);
      }
    }
    return out;
  }

  private void buildGroups() {
    Map<List<Integer>, Integer> bySignature = new LinkedHashMap<>();
    List<List<Integer>> nodeGroupLists = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      nodeGroupLists.add(new ArrayList<>());
    }
    Weights weights = new Weights() {
      @Override
      public double selectionWeight(Node n) {
        return economy == null ? 1.0 : economy.selectionWeight(n.id());
      }

      @Override
      public double bid(Node n) {
        return economy == null ? 0.0 : economy.bid(n.id());
      }

      @Override
      public int regionCount() {
        return net == null ? 1 : net.regions().size();
      }

      @Override
      public int regionOf(Node n) {
        return net == null ? 0 : net.regionOf(n.id());
      }

      @Override
      public double rtt(int a, int b) {
        if (net == null) {
          return 0;
        }
        int ga = gatewayOfRegion[a];
        int gb = gatewayOfRegion[b];
        // a cut path (partition, backbone down) looks infinitely far to a probing scheduler
        return net.reachable(ga, gb) ? 2 * net.oneWayLatency(ga, gb) : Double.POSITIVE_INFINITY;
      }
    };
    for (int w = 0; w < scenario.workload().size(); w++) {
      List<Integer> classes = eligibleClasses(scenario, resources, w);
      if (classes.isEmpty()) {
        throw new IllegalArgumentException("no node class can run workload "
            + scenario.workload().get(w).name());
      }
      Integer g = bySignature.get(classes);
      if (g == null) {
        g = groups.size();
        bySignature.put(classes, g);
        List<Node> members = new ArrayList<>();
        for (Node n : nodes) {
          if (classes.contains(n.classIndex())) {
            members.add(n);
            nodeGroupLists.get(n.id()).add(g);
          }
        }
        groups.add(new Group(new SubCluster(members, nodes.length, weights),
            Schedulers.create(scenario.scheduler().policy())));
      }
      groupOfWorkload[w] = g;
    }
    for (int i = 0; i < nodes.length; i++) {
      groupsOfNode[i] = nodeGroupLists.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static List<String> economyColumns() {
    List<String> c = new ArrayList<>();
    c.add("time");
    c.addAll(Economy.seriesColumns());
    return c;
  }

  /** Sends every job lifecycle event to {@code trace}. */
  public World trace(Trace t) {
    this.trace = t;
    return this;
  }

  public RunResult run() {
    return run(fraction -> {});
  }

  /** Runs to the scenario's duration, reporting progress (0..1) at each metrics sample. */
  public RunResult run(DoubleConsumer progress) {
    if (ran) {
      throw new IllegalStateException("a World runs once");
    }
    ran = true;
    long wallStart = System.nanoTime();
    for (int g = 0; g < groups.size(); g++) {
      String name = "scheduler/" + scenario.scheduler().policy() + (g == 0 ? "" : "/" + g);
      groups.get(g).scheduler.attach(groups.get(g).cluster, streams.stream(name));
    }
    double duration = scenario.duration();
    double warmup = Math.min(scenario.warmup(), duration);
    sim.warmup(warmup, this::endWarmup);
    if (economy != null) {
      reconcileMembership(); // operators below the minimum stake never join
      double epoch = economy.epochLength();
      sim.every(epoch, epoch, () -> {
        economy.tick(sim.now());
        reconcileMembership();
        for (Group g : groups) {
          g.scheduler.weightsChanged();
        }
      });
    }
    for (Stream s : streamsByWorkload) {
      s.scheduleNext();
    }
    for (Node n : nodes) {
      ChurnModel churn = churnByClass[n.classIndex()];
      if (churn != null) {
        churn.start(n);
      }
    }
    double interval = scenario.outputs().metricsInterval();
    sim.every(interval, interval, () -> {
      sample();
      progress.accept(Math.min(1.0, sim.now() / duration));
    });
    sim.runUntil(duration);
    List<double[]> rows = series.build().rows();
    if (rows.isEmpty() || rows.get(rows.size() - 1)[0] < duration) {
      sample();
    }
    progress.accept(1.0);
    double wall = (System.nanoTime() - wallStart) / 1e9;
    return result(wall, duration - warmup);
  }

  private void endWarmup() {
    double now = sim.now();
    if (net != null) {
      net.restartStats();
    }
    busySlots.restart(now);
    onlineSlots.restart(now);
    onlineNodes.restart(now);
    for (int c = 0; c < classBusy.length; c++) {
      classBusy[c].restart(now);
      classOnline[c].restart(now);
      java.util.Arrays.fill(labelSeconds[c], 0);
    }
  }

  // ---- notifications to the schedulers of a node's groups

  private void loadChanged(Node n) {
    for (int g : groupsOfNode[n.id()]) {
      groups.get(g).scheduler.loadChanged(n);
    }
  }

  private void availabilityChanged(Node n) {
    for (int g : groupsOfNode[n.id()]) {
      Group group = groups.get(g);
      group.cluster.availabilityChanged(n);
      group.scheduler.availabilityChanged(n);
    }
  }

  // ---- job flow

  private void submit(Job job) {
    if (job.counted()) {
      all.submitted++;
      byWorkload[job.workload()].submitted++;
    }
    intervalCounts[0]++;
    trace.record(sim.now(), "submitted", job, -1);
    Double deadline = scenario.workload().get(job.workload()).deadline();
    if (deadline != null) {
      job.deadlineHandle = sim.schedule(deadline, () -> expire(job));
    }
    dispatch(job);
  }

  private void dispatch(Job job) {
    Group g = groups.get(groupOfWorkload[job.workload()]);
    if (gangSize[job.workload()] > 1) {
      job.queueAt(-1);
      g.gangs.addLast(job);
      queuedLive++;
      trace.record(sim.now(), "queued", job, -1);
      requestGangAttempt();
      return;
    }
    Node n = g.scheduler.place(job);
    if (n == null) {
      job.queueAt(-1);
      g.central.addLast(job);
      g.centralLive++;
      queuedLive++;
      trace.record(sim.now(), "queued", job, -1);
      return;
    }
    if (!n.online() || !g.cluster.contains(n)) {
      throw new IllegalStateException("scheduler " + scenario.scheduler().policy()
          + " placed job on node " + n.id() + " that cannot take it");
    }
    if (net != null) {
      sendInput(n, job);
      return;
    }
    proceed(n, job);
  }

  /** The job has reached {@code n} (and its weights are there): serve, start or queue it. */
  private void proceed(Node n, Job job) {
    if (!n.online()) {
      dispatch(job); // the node left while the job was on its way
      return;
    }
    if (kindOfWorkload[job.workload()] == KIND_INFERENCE) {
      serve(n, job);
    } else if (n.hasFreeSlot() && n.queued() == 0) {
      start(n, job);
    } else {
      job.queueAt(n.id());
      n.enqueue(job);
      queuedLive++;
      trace.record(sim.now(), "queued", job, n.id());
    }
    loadChanged(n);
  }

  // ---- network phases: input transfer, weight download, output transfer

  private int gatewayOf(Job job) {
    if (job.origin < 0) {
      int i = (int) originOf[job.workload()].sample();
      job.origin = resources.regions().index(originRegions[job.workload()][i]);
    }
    return gatewayOfRegion[job.origin];
  }

  private void enterPhase(Job job, int phase) {
    job.networkPhase = phase;
    job.networkPhaseStart = sim.now();
  }

  private void leavePhase(Job job) {
    job.networkSeconds += sim.now() - job.networkPhaseStart;
    job.networkPhase = 0;
    job.flow = null;
  }

  private void sendInput(Node n, Job job) {
    job.queueAt(n.id());
    n.inbound(1);
    loadChanged(n);
    enterPhase(job, 1);
    job.flow = net.transfer(gatewayOf(job), n.id(), job.inputBytes, FlowListener.of(
        f -> {
          n.inbound(-1);
          leavePhase(job);
          ensureWeights(n, job);
        },
        f -> {
          n.inbound(-1);
          loadChanged(n); // the schedulers must see the load fall, or they shun n for good
          leavePhase(job);
          trace.record(sim.now(), "transfer-failed", job, n.id());
          transferFailed(job, n);
        }));
  }

  /** AI jobs need their model's weights on the node; the first one there downloads them. */
  private void ensureWeights(Node n, Job job) {
    int kind = kindOfWorkload[job.workload()];
    if (kind == KIND_SYNTHETIC) {
      proceed(n, job);
      return;
    }
    String model = scenario.workload().get(job.workload()).model();
    ModelCache cache = caches[n.id()];
    if (cache.touch(model)) {
      proceed(n, job);
      return;
    }
    n.inbound(1);
    enterPhase(job, 2);
    fetchWeights(n, model, job, ok -> {
      if (job.networkPhase != 2) {
        return; // expired while waiting
      }
      n.inbound(-1);
      leavePhase(job);
      if (ok) {
        proceed(n, job);
      } else {
        transferFailed(job, n);
      }
    });
  }

  /** Hears whether the model weights a node was fetching arrived. */
  private interface WeightsWaiter {
    void arrived(boolean ok);
  }

  /**
   * Gets {@code model}'s weights onto {@code n} for {@code waiter}: the first to ask downloads
   * them from {@code job}'s submitters (a cold start); whoever asks while that download is under
   * way, a request or a gang member, waits for the same download.
   */
  private void fetchWeights(Node n, String model, Job job, WeightsWaiter waiter) {
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
    double bytes = resources.aiModels().get(model).weightBytes();
    ModelCache cache = caches[n.id()];
    trace.record(sim.now(), "weights-download", job, n.id());
    net.transfer(gatewayOf(job), n.id(), bytes, FlowListener.of(
        f -> {
          cache.admit(model, bytes);
          releaseWaiting(n, key, true);
        },
        f -> releaseWaiting(n, key, false)));
  }

  private void releaseWaiting(Node n, String key, boolean ok) {
    for (WeightsWaiter w : awaitingWeights.remove(key)) {
      w.arrived(ok);
    }
    loadChanged(n);
  }

  /**
   * Verification traffic: each re-execution the economy orders sends the job's input to a
   * verifier node and the verifier's result back for comparison. The verdict is the economy's;
   * these transfers only load the links (and show in the network statistics).
   */
  private void sendVerification(Job job, Node executor, int checks) {
    for (int i = 0; i < checks; i++) {
      Node verifier = nodes[verifierRng.nextInt(nodes.length)];
      if (verifier == executor || !verifier.online()) {
        continue;
      }
      double back = Math.max(job.outputBytes, 1);
      net.transfer(gatewayOf(job), verifier.id(), job.inputBytes, FlowListener.of(
          f -> net.transfer(verifier.id(), executor.id(), back, FlowListener.of(g -> { },
              g -> { })),
          f -> { }));
      verificationTransfers++;
    }
  }

  /** Nothing ran yet: place the job again, unless its transfers keep failing. */
  private void transferFailed(Job job, Node n) {
    if (++job.transferFailures > scenario.scheduler().retries()) {
      fail(job, n, sim.now());
    } else {
      dispatch(job);
    }
  }

  private void sendOutput(Node n, Job job) {
    enterPhase(job, 3);
    job.flow = net.transfer(n.id(), gatewayOf(job), job.outputBytes, FlowListener.of(
        f -> {
          leavePhase(job);
          finishCompleted(job, n, sim.now());
        },
        f -> {
          leavePhase(job);
          trace.record(sim.now(), "transfer-failed", job, n.id());
          interrupted(job, n, sim.now()); // the result is lost: run it again
        }));
  }

  /** Seconds {@code job} occupies a slot of {@code n}. */
  private double serviceTime(Node n, Job job) {
    if (kindOfWorkload[job.workload()] != KIND_TRAINING) {
      return job.demand() / n.speed();
    }
    return job.demand() * stepTiming(n.classIndex(), job.workload()).seconds(); // steps
  }

  /** One training step of workload {@code w} on a node of class {@code c}, on its own. */
  private Timing stepTiming(int c, int w) {
    if (trainingTiming[c][w] == null) {
      NodeClass nc = scenario.nodes().get(c);
      Workload wl = scenario.workload().get(w);
      TrainingCost tc = new TrainingCost(resources.kernels(), resources.aiModels().get(
          wl.model()), nc.hardware(), nc.gpus());
      trainingTiming[c][w] = tc.step(wl.batchSequences(), wl.sequenceLength(), 1, 0, 0);
      trainingStep[c][w] = trainingTiming[c][w].seconds();
    }
    return trainingTiming[c][w];
  }

  private void start(Node n, Job job) {
    double now = sim.now();
    job.start(n.id(), now);
    n.occupySlot(job);
    busySlots.add(now, 1);
    classBusy[n.classIndex()].add(now, 1);
    recordWait(job, now);
    trace.record(now, "started", job, n.id());
    double service = serviceTime(n, job);
    if (kindOfWorkload[job.workload()] == KIND_TRAINING) {
      Timing t = trainingTiming[n.classIndex()][job.workload()];
      for (Label l : Label.values()) {
        labelSeconds[n.classIndex()][l.ordinal()] += service * t.share(l);
      }
    }
    job.completionHandle = sim.schedule(service, () -> complete(job));
  }

  private void recordWait(Job job, double now) {
    if (job.counted() && job.attempts() == 1) {
      all.wait.add(now - job.submitted());
      byWorkload[job.workload()].wait.add(now - job.submitted());
    }
  }

  private void vacate(Node n, Job job) {
    double now = sim.now();
    n.releaseSlot(job);
    busySlots.add(now, -1);
    classBusy[n.classIndex()].add(now, -1);
    job.completionHandle = -1;
  }

  private void complete(Job job) {
    Node n = nodes[job.nodeId()];
    double now = sim.now();
    double ran = now - job.attemptStarted();
    vacate(n, job);
    if (!settle(job, n, ran * scenario.nodes().get(n.classIndex()).gpus(), now)) {
      fillSlots(n);
      return;
    }
    if (net != null) {
      sendOutput(n, job);
    } else {
      finishCompleted(job, n, now);
    }
    fillSlots(n);
  }

  /** Tells the economy; false when the execution failed (the job was retried or failed). */
  private boolean settle(Job job, Node n, double gpuSeconds, double now) {
    if (economy == null) {
      return true;
    }
    if (economy.executionFails(n.id())) {
      economy.onJobFailed(n.id(), gpuSeconds, now);
      trace.record(now, "execution-failed", job, n.id());
      interrupted(job, n, now);
      return false;
    }
    int checks = economy.onJobCompleted(n.id(), gpuSeconds, job.outputTokens(), now);
    if (net != null && checks > 0) {
      sendVerification(job, n, checks);
    }
    return true;
  }

  private void finishCompleted(Job job, Node n, double now) {
    job.finish(Job.State.COMPLETED);
    if (job.deadlineHandle >= 0) {
      sim.cancel(job.deadlineHandle);
    }
    intervalCounts[1]++;
    if (job.counted()) {
      double latency = now - job.submitted();
      networkSecondsCounted += job.networkSeconds;
      latencySecondsCounted += latency;
      all.completed++;
      all.latency.add(latency);
      JobAccount w = byWorkload[job.workload()];
      w.completed++;
      w.latency.add(latency);
      classCompleted[n.classIndex()]++;
      classLatency[n.classIndex()].add(latency);
    }
    trace.record(now, "completed", job, n.id());
  }

  /** A running attempt of {@code job} on {@code n} was lost: retry elsewhere or fail. */
  private void interrupted(Job job, Node n, double now) {
    job.requeue();
    if (job.attempts() > scenario.scheduler().retries()) {
      fail(job, n, now);
    } else {
      trace.record(now, "interrupted", job, n.id());
      dispatch(job);
    }
  }

  private void fail(Job job, Node n, double now) {
    job.finish(Job.State.FAILED);
    if (job.deadlineHandle >= 0) {
      sim.cancel(job.deadlineHandle);
    }
    intervalCounts[2]++;
    if (job.counted()) {
      all.failed++;
      byWorkload[job.workload()].failed++;
    }
    trace.record(now, "failed", job, n == null ? -1 : n.id());
  }

  private void expire(Job job) {
    double now = sim.now();
    job.deadlineHandle = -1;
    if (job.networkPhase != 0) {
      Node n = nodes[job.nodeId() >= 0 ? job.nodeId() : 0];
      int phase = job.networkPhase;
      if (job.flow != null) {
        net.cancel((Flow) job.flow);
      }
      if (phase == 1 || phase == 2) {
        n.inbound(-1);
        loadChanged(n);
      }
      leavePhase(job);
      job.finish(Job.State.EXPIRED);
      intervalCounts[3]++;
      if (job.counted()) {
        all.expired++;
        byWorkload[job.workload()].expired++;
      }
      trace.record(now, "expired", job, -1);
      return;
    }
    if (job.state() == Job.State.RUNNING && job.gang != null) {
      Gang g = (Gang) job.gang;
      g.stop();
      job.finish(Job.State.EXPIRED);
      for (Node m : g.members) {
        if (economy != null) {
          economy.onMissedDeadline(m.id(), now);
        }
        fillSlots(m);
      }
    } else if (job.state() == Job.State.RUNNING) {
      Node n = nodes[job.nodeId()];
      if (job.servingHandle != null) {
        engineOf(n, job).remove((Request) job.servingHandle);
        job.servingHandle = null;
        job.finish(Job.State.EXPIRED);
        updateServingLoad(n);
      } else {
        sim.cancel(job.completionHandle);
        vacate(n, job);
        job.finish(Job.State.EXPIRED);
      }
      if (economy != null) {
        economy.onMissedDeadline(n.id(), now);
      }
      fillSlots(n);
    } else {
      int at = job.nodeId();
      job.finish(Job.State.EXPIRED); // left in its deque, skipped when reached
      queuedLive--;
      if (at < 0) {
        if (gangSize[job.workload()] == 1) { // gang queues skip expired jobs on their own
          groups.get(groupOfWorkload[job.workload()]).centralLive--;
        }
      } else {
        nodes[at].forgetQueued();
        loadChanged(nodes[at]);
      }
    }
    intervalCounts[3]++;
    if (job.counted()) {
      all.expired++;
      byWorkload[job.workload()].expired++;
    }
    trace.record(now, "expired", job, -1);
  }

  /** Starts waiting work on {@code n} while it has room: its own queue first. */
  private void fillSlots(Node n) {
    if (!n.online()) {
      return;
    }
    while (n.hasFreeSlot()) {
      Job next = n.pollQueue();
      if (next != null) {
        queuedLive--;
        start(n, next);
        continue;
      }
      next = pollCentral(n);
      if (next == null) {
        break;
      }
      if (kindOfWorkload[next.workload()] == KIND_INFERENCE) {
        serve(n, next);
      } else {
        start(n, next);
      }
    }
    loadChanged(n);
    if (n.hasFreeSlot()) {
      requestGangAttempt();
    }
  }

  /** The oldest live job waiting centrally in one of {@code n}'s groups, if {@code n} can take it. */
  private Job pollCentral(Node n) {
    for (int gi : groupsOfNode[n.id()]) {
      Group g = groups.get(gi);
      Job j;
      while ((j = g.central.peekFirst()) != null) {
        if (!j.isWaiting()) {
          g.central.pollFirst();
          continue;
        }
        if (kindOfWorkload[j.workload()] == KIND_INFERENCE) {
          InferenceEngine e = engineOf(n, j);
          if (e.load() >= e.limits().maxSeqs()) {
            break; // this node's engine is full: leave the head for another node
          }
        }
        g.central.pollFirst();
        g.centralLive--;
        queuedLive--;
        return j;
      }
    }
    return null;
  }

  // ---- inference serving

  private InferenceEngine engineOf(Node n, Job job) {
    int m = modelOfWorkload[job.workload()];
    InferenceEngine[] es = engines[n.id()];
    if (es == null) {
      es = new InferenceEngine[inferenceModels.length];
      engines[n.id()] = es;
    }
    if (es[m] == null) {
      int c = n.classIndex();
      NodeClass nc = scenario.nodes().get(c);
      AiModel model = resources.aiModels().get(inferenceModels[m]);
      Hardware hw = resources.hardware().get(nc.hardware());
      if (costByClass[c][m] == null) {
        costByClass[c][m] = new InferenceCost(resources.kernels(), model, nc.hardware(),
            nc.gpus());
      }
      long kv = Memory.maxKvTokens(model, hw, nc.gpus());
      ServingLimits limits = new ServingLimits(Memory.SEQUENCES, Memory.BATCHED_TOKENS,
          Math.max(1, kv));
      es[m] = new InferenceEngine(sim, limits, new KernelIterationCost(costByClass[c][m],
          labelSeconds[c]), new Listener(n));
    }
    return es[m];
  }

  /** Hands an inference request to its node's engine for that model. */
  private void serve(Node n, Job job) {
    double now = sim.now();
    InferenceEngine e = engineOf(n, job);
    if (!e.canEverServe(job.promptTokens(), job.outputTokens())) {
      trace.record(now, "too-large", job, n.id());
      job.start(n.id(), now);
      job.requeue();
      fail(job, n, now);
      return;
    }
    boolean wasIdle = e.idle();
    job.start(n.id(), now);
    recordWait(job, now);
    Request r = new Request(job, job.promptTokens(), job.outputTokens());
    job.servingHandle = r;
    trace.record(now, "started", job, n.id());
    if (wasIdle) {
      busySlots.add(now, 1);
      classBusy[n.classIndex()].add(now, 1);
    }
    e.submit(r);
    updateServingLoad(n);
  }

  private void updateServingLoad(Node n) {
    InferenceEngine[] es = engines[n.id()];
    double load = 0;
    boolean busy = false;
    if (es != null) {
      for (InferenceEngine e : es) {
        if (e != null) {
          load += e.load() / (double) e.limits().maxSeqs();
          busy |= !e.idle();
        }
      }
    }
    n.setServingLoad(load);
    loadChanged(n);
    if (!busy && servingBusy[n.id()]) {
      servingBusy[n.id()] = false;
      busySlots.add(sim.now(), -1);
      classBusy[n.classIndex()].add(sim.now(), -1);
    } else if (busy) {
      servingBusy[n.id()] = true;
    }
  }


  /** Engine callbacks for one node. */
  private final class Listener implements InferenceEngine.Listener {
    private final Node node;

    Listener(Node node) {
      this.node = node;
    }

    @Override
    public void firstToken(Request r, double time) {
      Job job = (Job) r.owner();
      job.firstTokenAt(time);
      if (job.counted() && job.attempts() == 1) {
        ttftAll.add(time - job.submitted());
        ttftByWorkload[job.workload()].add(time - job.submitted());
      }
    }

    @Override
    public void finished(Request r, double time) {
      Job job = (Job) r.owner();
      job.servingHandle = null;
      InferenceEngine e = engineOf(node, job);
      double gpuSeconds = (time - job.attemptStarted())
          * scenario.nodes().get(node.classIndex()).gpus() / Math.max(1, e.running() + 1);
      if (settle(job, node, gpuSeconds, time)) {
        if (net != null) {
          sendOutput(node, job);
        } else {
          finishCompleted(job, node, time);
        }
      }
      updateServingLoad(node);
      fillSlots(node);
    }
  }

  // ---- data-parallel training over several nodes

  /** Tries the waiting data-parallel jobs once, after the current event. */
  private void requestGangAttempt() {
    if (gangAttemptScheduled) {
      return;
    }
    for (Group g : groups) {
      if (!g.gangs.isEmpty()) {
        gangAttemptScheduled = true;
        sim.schedule(0, this::placeGangs);
        return;
      }
    }
  }

  /** First come, first served per group: the head waits until enough nodes are free. */
  private void placeGangs() {
    gangAttemptScheduled = false;
    for (Group g : groups) {
      Job j;
      while ((j = g.gangs.peekFirst()) != null) {
        if (!j.isWaiting()) {
          g.gangs.pollFirst();
          continue;
        }
        Node[] members = pickGang(g, j);
        if (members == null) {
          break;
        }
        g.gangs.pollFirst();
        queuedLive--;
        new Gang(j, members).begin();
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
  private Node[] pickGang(Group g, Job job) {
    int size = gangSize[job.workload()];
    List<List<Node>> byClass = new ArrayList<>();
    for (int c = 0; c < scenario.nodes().size(); c++) {
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
    int origin = gatewayOf(job);
    Node[] best = null;
    double bestStep = Double.POSITIVE_INFINITY;
    for (List<Node> candidates : byClass) {
      Node[] gang = candidates.size() < size ? null : gather(candidates, size, origin);
      if (gang != null) {
        double step = estimatedStep(gang, job.workload());
        if (step < bestStep) {
          bestStep = step;
          best = gang;
        }
      }
    }
    return best != null ? best : gather(free, size, origin);
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
      if (count[r] > 0 && !net.reachable(origin, gatewayOfRegion[r])) {
        count[r] = 0;
      }
    }
    int seed = 0;
    for (int r = 1; r < regions; r++) {
      if (count[r] > count[seed]) {
        seed = r;
      }
    }
    int home = gatewayOfRegion[seed];
    Integer[] order = new Integer[regions];
    for (int r = 0; r < regions; r++) {
      order[r] = r;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(
        (Integer r) -> net.oneWayLatency(home, gatewayOfRegion[r])).thenComparingInt(r -> r));
    Node[] gang = new Node[size];
    int k = 0;
    List<Integer> chosen = new ArrayList<>();
    for (int r : order) {
      if (count[r] == 0 || !reachesAll(gatewayOfRegion[r], chosen)) {
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
      if (!net.reachable(gateway, gatewayOfRegion[r])
          || !net.reachable(gatewayOfRegion[r], gateway)) {
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
      NodeClass nc = scenario.nodes().get(n.classIndex());
      compute = Math.max(compute, stepTiming(n.classIndex(), w).seconds());
      bandwidth = Math.min(bandwidth, Math.min(uplink(nc), downlink(nc)) / 8);
    }
    return compute + 2 * (gang.length - 1) * ringHopLatency(gang)
        + ringBytes(gang.length, w) / bandwidth;
  }

  /** The longest hop latency around {@code ring} (member i sends to member i + 1). */
  private double ringHopLatency(Node[] ring) {
    double hop = 0;
    for (int i = 0; i < ring.length; i++) {
      hop = Math.max(hop, net.transferLatency(ring[i].id(), ring[(i + 1) % ring.length].id()));
    }
    return hop;
  }

  /** A node class's access link capacities; without a {@code link}, the default one. */
  private static double uplink(NodeClass nc) {
    return nc.link() == null ? DEFAULT_ACCESS_LINK : nc.link().up();
  }

  private static double downlink(NodeClass nc) {
    return nc.link() == null ? DEFAULT_ACCESS_LINK : nc.link().down();
  }

  /** Bytes each node sends in a ring all-reduce of the gradients: 2(n-1)/n of them. */
  private double ringBytes(int n, int w) {
    AiModel m = resources.aiModels().get(scenario.workload().get(w).model());
    return 2.0 * (n - 1) / n * m.weightBytes();
  }

  /**
   * One attempt of a data-parallel training job. It holds a slot on each member; first each
   * member receives its share of the input and, on a cold start, the model weights; then
   * blocks of {@code syncEvery} local steps (as long as the slowest member takes) alternate
   * with a ring all-reduce of the gradients: each member sends 2(n-1)/n of the gradient bytes
   * to the next as a flow over the network, so the exchange shares links with every other
   * transfer; when all flows are done, the ring's remaining 2(n-1)-1 hops add their latency
   * (what an alpha-beta model charges as 2(n-1) alpha). Any member lost, or any of its
   * transfers failed, ends the attempt on all members; the job is retried from the start.
   */
  private final class Gang {
    final Job job;
    final Node[] members;
    final int w;
    final long steps; // a count a double demand carries exactly up to 2^53
    final int syncEvery;
    final double stepSeconds; // the slowest member's step
    final double ringBytes; // each member's share of an all-reduce
    final double ringExtra; // latency of the ring's other hops, added after the last flow
    final List<Flow> live = new ArrayList<>();
    long done;
    int pending; // flows of the current phase not yet finished
    long event = -1;
    double phaseStart;
    boolean syncing; // the phase under way is an all-reduce (else the staging)
    boolean over;

    Gang(Job job, Node[] members) {
      this.job = job;
      this.members = members;
      this.w = job.workload();
      this.steps = (long) job.demand();
      this.syncEvery = scenario.workload().get(w).syncEvery();
      double slowest = 0;
      for (Node n : members) {
        slowest = Math.max(slowest, stepTiming(n.classIndex(), w).seconds());
      }
      this.stepSeconds = slowest;
      this.ringBytes = ringBytes(members.length, w);
      this.ringExtra = (2 * (members.length - 1) - 1) * ringHopLatency(members);
    }

    void begin() {
      double now = sim.now();
      job.start(members[0].id(), now);
      job.gang = this;
      recordWait(job, now);
      for (Node n : members) {
        n.occupySlot(job);
        busySlots.add(now, 1);
        classBusy[n.classIndex()].add(now, 1);
        trace.record(now, "started", job, n.id());
        loadChanged(n);
      }
      stage();
    }

    /**
     * Input shares and missing weights to every member, in parallel. A weight download is
     * shared with whoever else waits for the same model on that node, so it is not this
     * attempt's to cancel.
     */
    private void stage() {
      String model = scenario.workload().get(w).model();
      phaseStart = sim.now();
      pending++; // held until every flow is out, so an instant one cannot end the phase early
      for (Node n : members) {
        send(gatewayOf(job), n.id(), job.inputBytes / members.length, () -> { });
        if (!caches[n.id()].touch(model)) {
          pending++;
          fetchWeights(n, model, job, ok -> {
            if (over) {
              return;
            }
            if (!ok) {
              trace.record(sim.now(), "transfer-failed", job, n.id());
              interrupt();
            } else if (--pending == 0) {
              flowsIn();
            }
          });
        }
      }
      if (!over && --pending == 0) {
        flowsIn();
      }
    }

    private void send(int from, int to, double bytes, Runnable onArrival) {
      pending++;
      Flow[] self = new Flow[1];
      self[0] = net.transfer(from, to, bytes, FlowListener.of(
          f -> {
            live.remove(self[0]);
            onArrival.run();
            if (--pending == 0) {
              flowsIn();
            }
          },
          f -> {
            live.remove(self[0]);
            if (over) {
              return; // failed before the attempt ended, heard after: nothing left to stop
            }
            trace.record(sim.now(), "transfer-failed", job, to);
            interrupt();
          }));
      live.add(self[0]);
    }

    private void phaseDone() {
      if (over) {
        return;
      }
      job.networkSeconds += sim.now() - phaseStart;
      if (syncing) {
        syncing = false;
        if (sim.now() >= sim.warmupTime()) {
          allReduces++;
          allReduceSeconds.add(sim.now() - phaseStart);
        }
      }
      if (done == steps) {
        finish();
        return;
      }
      int k = (int) Math.min(syncEvery, steps - done);
      for (Node n : members) {
        Timing t = stepTiming(n.classIndex(), w);
        for (Label l : Label.values()) {
          labelSeconds[n.classIndex()][l.ordinal()] += k * t.seconds() * t.share(l);
        }
      }
      event = sim.schedule(k * stepSeconds, () -> {
        event = -1;
        done += k;
        allReduce();
      });
    }

    private void allReduce() {
      int n = members.length;
      syncing = true;
      phaseStart = sim.now();
      pending++;
      for (int i = 0; i < n; i++) {
        send(members[i].id(), members[(i + 1) % n].id(), ringBytes, () -> { });
      }
      if (!over && --pending == 0) {
        flowsIn();
      }
    }

    /** Every flow of the phase has arrived; an all-reduce still owes its ring latency. */
    private void flowsIn() {
      if (!syncing || ringExtra <= 0) {
        phaseDone();
        return;
      }
      event = sim.schedule(ringExtra, () -> {
        event = -1;
        phaseDone();
      });
    }

    private void finish() {
      double now = sim.now();
      over = true;
      job.gang = null;
      double ran = now - job.attemptStarted();
      boolean ok = true;
      for (Node n : members) {
        vacate(n, job);
        double gpuSeconds = ran * scenario.nodes().get(n.classIndex()).gpus();
        if (economy == null) {
          continue;
        }
        if (economy.executionFails(n.id())) {
          economy.onJobFailed(n.id(), gpuSeconds, now);
          trace.record(now, "execution-failed", job, n.id());
          ok = false;
        } else {
          int checks = economy.onJobCompleted(n.id(), gpuSeconds, job.outputTokens(), now);
          if (checks > 0) {
            sendVerification(job, n, checks);
          }
        }
      }
      if (!ok) {
        interrupted(job, members[0], now);
      } else {
        sendOutput(members[0], job);
      }
      for (Node n : members) {
        fillSlots(n);
      }
    }

    /** Stops the attempt on every member: transfers cancelled, slots released. */
    void stop() {
      if (over) {
        return;
      }
      over = true;
      job.gang = null;
      if (event >= 0) {
        sim.cancel(event);
        event = -1;
      }
      for (Flow f : List.copyOf(live)) {
        net.cancel(f);
      }
      live.clear();
      for (Node n : members) {
        vacate(n, job);
        loadChanged(n);
      }
    }

    /** A member left or a transfer failed: the attempt is lost, the job tries again. */
    void interrupt() {
      if (over) {
        return;
      }
      stop();
      interrupted(job, members[0], sim.now());
      for (Node n : members) {
        fillSlots(n);
      }
    }
  }

  // ---- churn and membership

  /** Brings {@code n}'s online state in line with churn and membership. */
  private void updateOnline(Node n) {
    boolean want = !churnDown[n.id()] && !departed[n.id()];
    if (want && !n.online()) {
      goOnline(n);
    } else if (!want && n.online()) {
      goOffline(n);
    }
  }

  private void churn(Node n, boolean down) {
    churnDown[n.id()] = down;
    if (economy != null && !departed[n.id()]) {
      if (down) {
        economy.onOffline(n.id(), sim.now());
      } else {
        economy.onOnline(n.id(), sim.now());
      }
    }
    updateOnline(n);
  }

  /** Operators whose economics made them leave go offline; those who rejoin come back. */
  private void reconcileMembership() {
    for (Node n : nodes) {
      boolean gone = !economy.isActive(n.id());
      if (gone != departed[n.id()]) {
        departed[n.id()] = gone;
        trace.record(sim.now(), gone ? "operator-left" : "operator-joined", null, n.id());
        updateOnline(n);
      }
    }
  }

  private void goOffline(Node n) {
    double now = sim.now();
    n.setOnline(false);
    onlineNodes.add(now, -1);
    onlineSlots.add(now, -n.slots());
    classOnline[n.classIndex()].add(now, -n.slots());
    availabilityChanged(n);
    trace.record(now, "node-down", null, n.id());
    if (net != null) {
      net.disconnect(n.id()); // transfers to and from it fail (or stall) as the policy says
    }
    for (Job job : n.runningJobs()) {
      if (job.gang != null) {
        ((Gang) job.gang).interrupt(); // its transfers may have failed it already
        continue;
      }
      sim.cancel(job.completionHandle);
      vacate(n, job);
      interrupted(job, n, now);
    }
    InferenceEngine[] es = engines[n.id()];
    if (es != null) {
      for (InferenceEngine e : es) {
        if (e == null) {
          continue;
        }
        List<Request> lost = e.clear();
        updateServingLoad(n);
        for (Request r : lost) {
          Job job = (Job) r.owner();
          job.servingHandle = null;
          interrupted(job, n, now);
        }
      }
    }
    List<Job> stranded = new ArrayList<>();
    n.drainQueue(stranded::add);
    queuedLive -= stranded.size();
    for (Job job : stranded) {
      dispatch(job);
    }
  }

  private void goOnline(Node n) {
    double now = sim.now();
    n.setOnline(true);
    onlineNodes.add(now, 1);
    onlineSlots.add(now, n.slots());
    classOnline[n.classIndex()].add(now, n.slots());
    availabilityChanged(n);
    trace.record(now, "node-up", null, n.id());
    if (net != null) {
      net.reconnect(n.id());
    }
    fillSlots(n);
    if (net == null) { // with a network, reconnecting n above already re-placed them
      for (int gi : groupsOfNode[n.id()]) {
        redispatchCentral(groups.get(gi));
      }
    }
  }

  /**
   * Jobs held centrally because no node would take them (schedulers that do not queue
   * centrally) are placed again: a node came back, or a fault ended.
   */
  private void redispatchCentral(Group g) {
    if (g.scheduler.queuesCentrally() || g.centralLive == 0) {
      return;
    }
    List<Job> waiting = new ArrayList<>();
    Job j;
    while ((j = g.central.pollFirst()) != null) {
      if (j.isWaiting()) {
        waiting.add(j);
      }
    }
    g.centralLive = 0;
    queuedLive -= waiting.size();
    for (Job job : waiting) {
      dispatch(job);
    }
  }

  private void afterRepair() {
    for (Group g : groups) {
      redispatchCentral(g);
    }
    requestGangAttempt();
  }

  // ---- metrics

  private void sample() {
    double now = sim.now();
    double online = onlineSlots.intervalAverage(now);
    double busy = busySlots.intervalAverage(now);
    double interval = scenario.outputs().metricsInterval();
    double[] row = {now, queuedLive, busySlots.value(), onlineNodes.value(),
        online > 0 ? Math.min(1, busy / online) : 0, intervalCounts[0], intervalCounts[1],
        intervalCounts[2], intervalCounts[3], intervalCounts[1] / interval};
    if (net != null) {
      double moved = net.stats().bytesMoved();
      double delta = moved >= lastBytesMoved ? moved - lastBytesMoved : moved; // reset at warm-up
      lastBytesMoved = moved;
      row = java.util.Arrays.copyOf(row, row.length + 2);
      row[row.length - 2] = delta;
      row[row.length - 1] = coldStarts;
    }
    series.add(row);
    onlineSlots.resetInterval(now);
    busySlots.resetInterval(now);
    if (economy != null) {
      double[] e = economy.sample(now);
      double[] erow = new double[e.length + 1];
      erow[0] = now;
      System.arraycopy(e, 0, erow, 1, e.length);
      economySeries.add(erow);
    }
    java.util.Arrays.fill(intervalCounts, 0);
  }

  private RunResult result(double wall, double measuredSpan) {
    double now = sim.now();
    double onlineSlotAvg = onlineSlots.average(now);
    NodeStats nodeStats = new NodeStats(nodes.length, onlineNodes.average(now),
        onlineSlotAvg > 0 ? Math.min(1, busySlots.average(now) / onlineSlotAvg) : 0);
    Map<String, JobStats> perWorkload = new LinkedHashMap<>();
    Map<String, Percentiles> ttft = new LinkedHashMap<>();
    for (int w = 0; w < byWorkload.length; w++) {
      perWorkload.put(scenario.workload().get(w).name(), byWorkload[w].stats(measuredSpan));
      if (kindOfWorkload[w] == KIND_INFERENCE) {
        ttft.put(scenario.workload().get(w).name(), Percentiles.of(ttftByWorkload[w]));
      }
    }
    List<ClassStats> classes = new ArrayList<>();
    Map<String, Map<String, Double>> provenance = new LinkedHashMap<>();
    for (int c = 0; c < classBusy.length; c++) {
      NodeClass nc = scenario.nodes().get(c);
      double slotAvg = classOnline[c].average(now);
      classes.add(new ClassStats(nc.name(), nc.hardware(), nc.count(),
          nc.slots() > 0 ? slotAvg / nc.slots() : 0,
          slotAvg > 0 ? Math.min(1, classBusy[c].average(now) / slotAvg) : 0,
          classCompleted[c], classLatency[c].mean()));
      Map<String, Double> labels = new LinkedHashMap<>();
      for (Label l : Label.values()) {
        labels.put(l.id(), labelSeconds[c][l.ordinal()]);
      }
      provenance.put(nc.name(), labels);
    }
    EconomicsSummary econ = null;
    if (economy != null) {
      econ = economy.close(now);
      economy.checkInvariants(now);
    }
    return new RunResult(scenario.name(), scenario.seed(), scenario.duration(), scenario.warmup(),
        sim.eventsFired(), wall, all.stats(measuredSpan), nodeStats, perWorkload, classes,
        series.build(), econ, economySeries == null ? null : economySeries.build(),
        ttftAll.count() > 0 ? Percentiles.of(ttftAll) : null, ttft, provenance,
        net == null ? null : new NetworkResult(net.stats(), coldStarts,
            latencySecondsCounted > 0 ? networkSecondsCounted / latencySecondsCounted : 0,
            verificationTransfers, allReduces, Percentiles.of(allReduceSeconds)));
  }

  // ---- sources of randomness bound to the run

  /** One workload's arrival stream and its per-job draws (service, tokens, steps). */
  private final class Stream {
    private final int index;
    private final Distribution.Sampler gap;
    private final Distribution.Sampler service;
    private final Distribution.Sampler prompt;
    private final Distribution.Sampler output;
    private final ArrivalTrace trace;
    private int traceRow;
    private double lapStart;

    Stream(int index, Workload w) {
      this.index = index;
      String base = "workload/" + w.name();
      trace = w.arrivals().process().equals("trace") ? resources.traces().get(w.name()) : null;
      if (w.arrivals().process().equals("trace") && trace == null) {
        throw new IllegalArgumentException("workload " + w.name() + " replays a trace that"
            + " was not loaded");
      }
      Distribution gapDist = switch (w.arrivals().process()) {
        case "poisson" -> Distributions.exponential(1.0 / w.arrivals().rate());
        case "renewal" -> w.arrivals().interarrival().toDistribution();
        case "trace" -> null;
        default -> throw new IllegalArgumentException(
            "unknown arrival process " + w.arrivals().process());
      };
      gap = gapDist == null ? null : gapDist.sampler(streams.stream(base + "/arrivals"));
      var demand = w.kind().equals("training") ? w.steps() : w.service();
      service = demand == null ? () -> 0.0
          : demand.toDistribution().sampler(streams.stream(base + "/service"));
      prompt = w.promptTokens() == null ? () -> 1.0
          : w.promptTokens().toDistribution().sampler(streams.stream(base + "/prompt"));
      output = w.outputTokens() == null ? () -> 1.0
          : w.outputTokens().toDistribution().sampler(streams.stream(base + "/output"));
    }

    void scheduleNext() {
      double at;
      if (trace != null) {
        if (traceRow == trace.size()) {
          if (!scenario.workload().get(index).arrivals().loop()) {
            return;
          }
          traceRow = 0;
          lapStart += trace.period();
        }
        at = lapStart + trace.offsets()[traceRow];
      } else {
        at = sim.now() + Math.max(0, gap.sample());
      }
      if (at < scenario.duration()) {
        sim.scheduleAt(Math.max(at, sim.now()), this::arrive);
      }
    }

    private void arrive() {
      double now = sim.now();
      double demand = Math.max(0, service.sample());
      if (kindOfWorkload[index] == KIND_TRAINING) {
        demand = Math.max(1, Math.round(demand));
      }
      Job job = new Job(nextJobId++, index, now, demand, now >= sim.warmupTime());
      if (kindOfWorkload[index] == KIND_INFERENCE) {
        int p;
        int o;
        if (trace != null) {
          p = trace.promptTokens()[traceRow];
          o = trace.outputTokens()[traceRow];
        } else {
          p = (int) Math.round(prompt.sample());
          o = (int) Math.round(output.sample());
        }
        job.tokens(Math.max(1, p), Math.max(1, o));
      }
      if (net != null) {
        gatewayOf(job); // draws the origin now, so placement can see it
        job.inputBytes = Math.max(0, inputOf[index].sample());
        job.outputBytes = Math.max(0, outputOf[index].sample());
      }
      if (trace != null) {
        traceRow++;
      }
      submit(job);
      scheduleNext();
    }
  }

  /** Alternating up and down periods for the nodes of one class, one stream per node. */
  private final class ChurnModel {
    private final Distribution up;
    private final Distribution down;

    ChurnModel(Distribution up, Distribution down) {
      this.up = up;
      this.down = down;
    }

    void start(Node n) {
      NodeClass nc = scenario.nodes().get(n.classIndex());
      var rng = streams.stream("node/" + nc.name() + "/churn", n.id());
      Distribution.Sampler upS = up.sampler(rng);
      Distribution.Sampler downS = down.sampler(rng);
      Runnable[] cycle = new Runnable[1];
      cycle[0] = () -> sim.schedule(Math.max(0, upS.sample()), () -> {
        churn(n, true);
        sim.schedule(Math.max(0, downS.sample()), () -> {
          churn(n, false);
          cycle[0].run();
        });
      });
      cycle[0].run();
    }
  }
}
