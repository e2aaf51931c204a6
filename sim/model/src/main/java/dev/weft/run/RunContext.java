package dev.weft.run;

import dev.weft.engine.Simulator;
import dev.weft.node.Node;
import dev.weft.random.RandomStreams;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.Workload;
import dev.weft.scenario.WorkloadKind;
import dev.weft.workload.Job;

/**
 * What every part of one run shares and nobody owns: the clock, the scenario and its resources,
 * the random streams, the nodes with their stations, and the trace. Built once by {@link World}.
 */
final class RunContext {
  final Simulator sim = new Simulator();
  final Scenario scenario;
  final Resources resources;
  final RandomStreams streams;
  final Node[] nodes;
  final Station[] stations;
  private Trace trace = Trace.NONE;
  /** Re-dispatches after a failure: the scheduler section's, until an upgrade changes it. */
  private int retries;
  /** Sees every job the run creates; a seam for consistency checks in tests. */
  private java.util.function.Consumer<JobRun> created = run -> { };

  RunContext(Scenario scenario, Resources resources) {
    this.scenario = scenario;
    this.resources = resources;
    this.streams = new RandomStreams(scenario.seed());
    this.retries = scenario.scheduler().retries();
    nodes = new Node[scenario.nodeCount()];
    stations = new Station[nodes.length];
    int id = 0;
    for (int c = 0; c < scenario.nodes().size(); c++) {
      NodeClass nc = scenario.nodes().get(c);
      for (int i = 0; i < nc.count(); i++) {
        nodes[id] = new Node(id, c, nc.slots(), nc.speed());
        stations[id] = new Station(nodes[id]);
        id++;
      }
    }
  }

  void trace(Trace t) {
    this.trace = t;
  }

  void record(double time, TraceEvent event, Job job, int node) {
    trace.record(time, event, job, node);
  }

  void onCreate(java.util.function.Consumer<JobRun> c) {
    this.created = c;
  }

  /** A new job enters the run. */
  void created(JobRun run) {
    created.accept(run);
  }

  WorkloadKind kind(int workload) {
    return scenario.workload().get(workload).kind();
  }

  Workload workload(int w) {
    return scenario.workload().get(w);
  }

  NodeClass nodeClass(Node n) {
    return scenario.nodes().get(n.classIndex());
  }

  Station station(int node) {
    return stations[node];
  }

  int retries() {
    return retries;
  }

  /** From now on, a job is re-dispatched at most {@code n} times (a governance upgrade). */
  void retries(int n) {
    retries = n;
  }
}
