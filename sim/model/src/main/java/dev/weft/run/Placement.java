package dev.weft.run;

import dev.weft.node.Node;
import dev.weft.scenario.Scenario;
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

/**
 * Who may run what, and who decides where: workloads are grouped by the node classes able to
 * run them (an AI model must fit the node's GPUs); each group has its own scheduler over its own
 * {@link SubCluster} and its own central queues, so placement never picks a node that cannot
 * take the job. Tells the schedulers of a node's groups when its load or availability changes.
 */
final class Placement {

  /** Workloads that may run on the same node classes, placed by one scheduler. */
  static final class Group {
    final SubCluster cluster;
    final Scheduler scheduler;
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
  private final int[] groupOfWorkload;
  private final int[][] groupsOfNode;

  Placement(RunContext ctx, Market market, Geography geography) {
    this.ctx = ctx;
    Scenario scenario = ctx.scenario;
    Node[] nodes = ctx.nodes;
    groupOfWorkload = new int[scenario.workload().size()];
    groupsOfNode = new int[nodes.length][];
    Map<List<Integer>, Integer> bySignature = new LinkedHashMap<>();
    List<List<Integer>> nodeGroupLists = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      nodeGroupLists.add(new ArrayList<>());
    }
    for (int w = 0; w < scenario.workload().size(); w++) {
      List<Integer> classes = Eligibility.classes(scenario, ctx.resources, w);
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
        groups.add(new Group(new SubCluster(members, nodes.length, market, geography),
            Schedulers.create(scenario.scheduler().policy())));
      }
      groupOfWorkload[w] = g;
    }
    for (int i = 0; i < nodes.length; i++) {
      groupsOfNode[i] = nodeGroupLists.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Hands each scheduler its cluster and its own random stream; once, before the first job. */
  void attach() {
    String policy = ctx.scenario.scheduler().policy();
    for (int g = 0; g < groups.size(); g++) {
      String name = "scheduler/" + policy + (g == 0 ? "" : "/" + g);
      groups.get(g).scheduler.attach(groups.get(g).cluster, ctx.streams.stream(name));
    }
  }

  List<Group> groups() {
    return groups;
  }

  Group groupOf(Job job) {
    return groups.get(groupOfWorkload[job.workload()]);
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
