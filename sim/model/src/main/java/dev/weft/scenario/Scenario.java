package dev.weft.scenario;

import java.util.List;

/** A whole scenario: the network of nodes, the work offered to it and how work is placed. */
@Doc("A Weft scenario: nodes, workloads and a scheduling policy, run for a simulated duration.")
public record Scenario(
    @Doc("Id used for output folders.") String name,
    @Doc("One line for reports.") @Default("") String description,
    @Doc("Master seed; every random stream derives from it.") @Default("1") long seed,
    @Doc("Simulated time.") @Unit(Quantity.DURATION) @Range(min = 0, minExclusive = true)
        double duration,
    @Doc("Jobs submitted before this are not counted in statistics.") @Unit(Quantity.DURATION)
        @Default("0") @Range(min = 0) double warmup,
    @Doc("One entry per node class.") List<NodeClass> nodes,
    @Doc("One entry per job stream.") List<Workload> workload,
    @Doc("How jobs are placed on nodes.") @Default("{}") SchedulerConfig scheduler,
    @Doc("What the run writes.") @Default("{}") Outputs outputs,
    @Doc("Token economics; without it no token accounting happens.") @Default(Default.NONE)
        EconomicsConfig economics,
    @Doc("Regions, links and transfers; without it transfers are instant.")
        @Default(Default.NONE) NetworkConfig network,
    @Doc("Faults injected at fixed times: a region or node class offline, a mass slashing.")
        @Default(Default.NONE) List<FaultEvent> faults) {

  /** A scenario without a network section. */
  public Scenario(String name, String description, long seed, double duration, double warmup,
      List<NodeClass> nodes, List<Workload> workload, SchedulerConfig scheduler, Outputs outputs,
      EconomicsConfig economics) {
    this(name, description, seed, duration, warmup, nodes, workload, scheduler, outputs,
        economics, null);
  }

  /** A scenario without injected faults. */
  public Scenario(String name, String description, long seed, double duration, double warmup,
      List<NodeClass> nodes, List<Workload> workload, SchedulerConfig scheduler, Outputs outputs,
      EconomicsConfig economics, NetworkConfig network) {
    this(name, description, seed, duration, warmup, nodes, workload, scheduler, outputs,
        economics, network, null);
  }

  public Scenario {
    nodes = List.copyOf(nodes);
    workload = List.copyOf(workload);
    // an unset metrics interval follows the duration, so the series has a bounded length
    outputs = outputs == null ? null : outputs.resolvedFor(duration);
    faults = faults == null ? List.of() : List.copyOf(faults);
  }

  public int nodeCount() {
    return nodes.stream().mapToInt(NodeClass::count).sum();
  }

  /** The class name of each node, by node id: ids run class by class, in scenario order. */
  public String[] classOfNode() {
    String[] names = new String[nodeCount()];
    int id = 0;
    for (NodeClass nc : nodes) {
      for (int i = 0; i < nc.count(); i++) {
        names[id++] = nc.name();
      }
    }
    return names;
  }

  public Scenario withSeed(long newSeed) {
    return new Scenario(name, description, newSeed, duration, warmup, nodes, workload, scheduler,
        outputs, economics, network, faults);
  }
}
