package dev.weft.run;

import dev.weft.node.Node;
import dev.weft.scenario.AiWorkload;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.WorkloadKind;
import dev.weft.scheduling.Geography;
import dev.weft.scheduling.Market;
import dev.weft.scheduling.Scheduler;
import dev.weft.scheduling.Schedulers;
import dev.weft.workload.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Who may run what, and who decides where: jobs are grouped by the node classes able to run
 * them (an AI model must fit the node's GPUs; an inference request's prompt and output must fit
 * the engine's KV cache); each group has its own scheduler over its own {@link SubCluster} and
 * its own central queues, so placement never picks a node that cannot take the job. Tells the
 * schedulers of a node's groups when its load or availability changes.
 *
 * <p>KV tiers: the classes able to serve an inference workload hold different KV caches (an
 * H100 far more than an RTX 4090). With k distinct capacities v1 < ... < vk among them, the
 * workload has k groups, tier j being the classes holding at least vj tokens; a request of r
 * tokens goes to the first tier with vj >= r, which is exactly the classes where it fits, and
 * one larger than vk fits nowhere ({@link #groupOf} answers null). A node is in every tier its
 * class reaches, so a placement stays one scheduler call, O(log n), and a load change costs one
 * update per tier.
 */
final class Placement {

  /** Jobs that may run on the same node classes, placed by one scheduler. */
  static final class Group {
    final SubCluster cluster;
    /** The policy in force; a governance upgrade may replace it mid-run. */
    Scheduler scheduler;
    /** Jobs no node would take yet, oldest first; expired ones are skipped when reached. */
    final ArrayDeque<JobRun> central = new ArrayDeque<>();
    /** Live (waiting) jobs in {@link #central}. */
    int centralLive;
    /** Data-parallel jobs waiting for enough free nodes, first come first served. */
    final ArrayDeque<JobRun> gangs = new ArrayDeque<>();

    Group(SubCluster cluster, Scheduler scheduler) {
      this.cluster = cluster;
      this.scheduler = scheduler;
    }
  }

  private final RunContext ctx;
  private final List<Group> groups = new ArrayList<>();
  /** By workload: the KV capacities of its tiers, ascending (one, unbounded, for non-inference). */
  private final long[][] tierTokens;
  /** By workload: the group of each tier. */
  private final int[][] tierGroup;
  private final int[][] groupsOfNode;
  /** Requests in a node's serving engines; none until {@link #connect}. */
  private ToIntFunction<Node> servingRequests = n -> 0;

  Placement(RunContext ctx, Market market, Transport transport) {
    this.ctx = ctx;
    Geography geography = transport.geography();
    Scenario scenario = ctx.scenario;
    int workloads = scenario.workload().size();
    Throughput throughput = new Throughput(scenario, ctx.resources);
    tierTokens = new long[workloads][];
    tierGroup = new int[workloads][];
    // class lists in the order their groups are made: every workload's full list first (as
    // before KV tiers, so the first groups and their random streams keep their names), then
    // the tiers; with the workloads each list serves
    Map<List<Integer>, List<Integer>> workloadsOf = new LinkedHashMap<>();
    List<List<Integer>> eligible = new ArrayList<>();
    for (int w = 0; w < workloads; w++) {
      List<Integer> classes = Eligibility.classes(scenario, ctx.resources, w);
      if (classes.isEmpty()) {
        throw new IllegalArgumentException("no node class can run workload "
            + scenario.workload().get(w).name());
      }
      eligible.add(classes);
      workloadsOf.computeIfAbsent(classes, k -> new ArrayList<>()).add(w);
    }
    List<List<List<Integer>>> tiersOf = new ArrayList<>();
    for (int w = 0; w < workloads; w++) {
      TreeSet<Long> capacities = new TreeSet<>();
      for (int c : eligible.get(w)) {
        capacities.add(throughput.kvTokens(c, w));
      }
      tierTokens[w] = capacities.stream().mapToLong(Long::longValue).toArray();
      List<List<Integer>> tiers = new ArrayList<>();
      for (long v : tierTokens[w]) {
        List<Integer> tier = new ArrayList<>();
        for (int c : eligible.get(w)) {
          if (throughput.kvTokens(c, w) >= v) {
            tier.add(c);
          }
        }
        tiers.add(tier);
        List<Integer> users = workloadsOf.computeIfAbsent(tier, k -> new ArrayList<>());
        if (!users.contains(w)) {
          users.add(w);
        }
      }
      tiersOf.add(tiers);
    }
    Map<List<Integer>, Integer> groupOfClasses = new LinkedHashMap<>();
    List<List<Integer>> nodeGroupLists = new ArrayList<>();
    for (int i = 0; i < ctx.nodes.length; i++) {
      nodeGroupLists.add(new ArrayList<>());
    }
    for (Map.Entry<List<Integer>, List<Integer>> e : workloadsOf.entrySet()) {
      List<Integer> classes = e.getKey();
      int g = groups.size();
      groupOfClasses.put(classes, g);
      double[] capacity = capacity(throughput, classes, e.getValue());
      List<Node> members = new ArrayList<>();
      for (Node n : ctx.nodes) {
        if (classes.contains(n.classIndex())) {
          members.add(n);
          nodeGroupLists.get(n.id()).add(g);
        }
      }
      SubCluster cluster = new SubCluster(members, ctx.nodes.length, market, geography,
          capacity, this::jobsHeld);
      String model = commonModel(scenario, e.getValue());
      if (model != null) {
        cluster.coldStart(n -> transport.coldStartSeconds(n, model));
      }
      cluster.timeLeft(this::timeLeft);
      groups.add(new Group(cluster, Schedulers.create(scenario.scheduler().policy())));
    }
    for (int w = 0; w < workloads; w++) {
      List<List<Integer>> tiers = tiersOf.get(w);
      tierGroup[w] = new int[tiers.size()];
      for (int j = 0; j < tiers.size(); j++) {
        tierGroup[w][j] = groupOfClasses.get(tiers.get(j));
      }
    }
    groupsOfNode = new int[ctx.nodes.length][];
    for (int i = 0; i < ctx.nodes.length; i++) {
      groupsOfNode[i] = nodeGroupLists.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Seconds until {@code job}'s deadline, infinity when its workload has none. */
  private double timeLeft(Job job) {
    Double d = ctx.workload(job.workload()).deadline();
    return d == null ? Double.POSITIVE_INFINITY : job.submitted() + d - ctx.sim.now();
  }

  /**
   * Jobs per second each class of a group completes, saturated, for the group's mix of
   * workloads: the arrival-rate weighted mean time per job, inverted. By class index; 0 for
   * classes outside the group.
   */
  private double[] capacity(Throughput throughput, List<Integer> classes,
      List<Integer> workloads) {
    double[] out = new double[ctx.scenario.nodes().size()];
    for (int c : classes) {
      double rates = 0;
      double seconds = 0;
      for (int w : workloads) {
        double rate = throughput.arrivalRate(w);
        rates += rate;
        seconds += rate / throughput.jobsPerSecond(c, w);
      }
      out[c] = rates / seconds;
    }
    return out;
  }

  /** Jobs {@code n} holds: running on slots, queued, on their way, and in its engines. */
  private int jobsHeld(Node n) {
    return n.busy() + n.queued() + n.inbound() + servingRequests.applyAsInt(n);
  }

  /** Lets placement count the requests in each node's engines; once, before the run starts. */
  /** The AI model all of {@code workloads} run, or null when they run none or several. */
  private static String commonModel(Scenario scenario, List<Integer> workloads) {
    String model = null;
    for (int w : workloads) {
      if (!(scenario.workload().get(w) instanceof AiWorkload ai)
          || (model != null && !model.equals(ai.model()))) {
        return null;
      }
      model = ai.model();
    }
    return model;
  }

  void connect(ToIntFunction<Node> servingRequests) {
    this.servingRequests = servingRequests;
  }

  /** Hands each scheduler its cluster and its own random stream; once, before the first job. */
  void attach() {
    String policy = ctx.scenario.scheduler().policy();
    for (int g = 0; g < groups.size(); g++) {
      String name = "scheduler/" + policy + (g == 0 ? "" : "/" + g);
      groups.get(g).scheduler.attach(groups.get(g).cluster, ctx.streams.stream(name));
    }
  }

  /**
   * From now on, every group places by {@code policy} (a governance upgrade): a new scheduler
   * per group, attached to the group's cluster as it is now (load, availability, stakes), with
   * a random stream of its own named after the policy and the upgrade's number {@code k}, so
   * no other stream is disturbed. Jobs already on a node or on their way stay there; the
   * caller offers jobs waiting centrally to the new policy.
   */
  void use(String policy, int k) {
    for (int g = 0; g < groups.size(); g++) {
      Group group = groups.get(g);
      String name = "scheduler/" + policy + (g == 0 ? "" : "/" + g) + "/upgrade-" + k;
      group.scheduler = Schedulers.create(policy);
      group.scheduler.attach(group.cluster, ctx.streams.stream(name));
    }
  }

  List<Group> groups() {
    return groups;
  }

  /**
   * The group whose nodes can run {@code job}: for an inference request, the classes whose KV
   * cache holds its prompt and output; null when no class ever can.
   */
  Group groupOf(Job job) {
    int w = job.workload();
    long need = ctx.kind(w) == WorkloadKind.INFERENCE
        ? (long) job.promptTokens() + job.outputTokens() : 0;
    long[] tokens = tierTokens[w];
    for (int j = 0; j < tokens.length; j++) {
      if (need <= tokens[j]) {
        return groups.get(tierGroup[w][j]);
      }
    }
    return null;
  }

  /** Indexes of the groups whose nodes include {@code n}. */
  int[] groupsOf(Node n) {
    return groupsOfNode[n.id()];
  }

  void loadChanged(Node n) {
    for (int g : groupsOfNode[n.id()]) {
      groups.get(g).scheduler.loadChanged(n);
    }
  }

  void availabilityChanged(Node n) {
    for (int g : groupsOfNode[n.id()]) {
      Group group = groups.get(g);
      group.cluster.availabilityChanged(n);
      group.scheduler.availabilityChanged(n);
    }
  }

  /** Selection weights or bids may have changed (end of an economic epoch). */
  void weightsChanged() {
    for (Group g : groups) {
      g.scheduler.weightsChanged();
    }
  }
}
