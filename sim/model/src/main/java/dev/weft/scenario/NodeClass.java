package dev.weft.scenario;

import java.util.List;
import java.util.Map;

/** A class of identical nodes: the same hardware, behaviour and availability. */
@Doc("A class of identical nodes.")
public record NodeClass(
    @Doc("Name of the class, unique in the scenario.") String name,
    @Doc("Number of nodes in the class.") @Range(min = 0) int count,
    @Doc("Hardware id from models/hardware/, or abstract (service times from the workload).")
        @Default("abstract") @OneOf(Vocabulary.HARDWARE) String hardware,
    @Doc("GPUs per node.") @Default("1") @Range(min = 1) int gpus,
    @Doc("Jobs a node serves at once.") @Default("1") @Range(min = 1) int slots,
    @Doc("Relative speed for abstract hardware: service time is divided by it.") @Default("1")
        @Range(min = 0, minExclusive = true) double speed,
    @Doc("Churn: time online before a failure, time offline before return.")
        @Default(Default.NONE) Availability availability,
    @Doc("Tokens each node bonds at genesis (economics).") @Default("0") @Range(min = 0)
        double stake,
    @Doc("Behaviour of the operators: one name, or weights such as {honest: 0.95, lazy: 0.05};"
        + " counts per behaviour are rounded to whole nodes.") @Default("honest")
        Map<String, Double> behaviour,
    @Doc("Regions the nodes are placed in: one id, or weights such as {us-east: 0.5, eu-west:"
        + " 0.5} (network).") @Default(Default.NONE) Map<String, Double> regions,
    @Doc("Access link of each node (network).") @Default(Default.NONE) Link link,
    @Doc("Disk cache for model weights on each node; a model not in it is downloaded before"
        + " its first job (network).") @Unit(Quantity.DATA_SIZE) @Default("200GB")
        @Range(min = 0) double modelCache,
    @Doc("Models whose weights each node already holds in its cache at the start, as operators"
        + " pre-pull the images a network serves (network); others are downloaded before"
        + " their first job.") @Default(Default.NONE) List<String> preloaded) {

  /** A node class without network placement. */
  public NodeClass(String name, int count, String hardware, int gpus, int slots, double speed,
      Availability availability, double stake, Map<String, Double> behaviour) {
    this(name, count, hardware, gpus, slots, speed, availability, stake, behaviour, null, null,
        200e9, null);
  }

  public NodeClass {
    behaviour = behaviour == null ? Map.of("honest", 1.0)
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(behaviour));
    regions = regions == null ? null
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(regions));
    preloaded = preloaded == null ? List.of() : List.copyOf(preloaded);
  }

  /** {@code count} honest nodes of abstract hardware with one slot, speed 1, no churn. */
  public static NodeClass of(String name, int count) {
    return new NodeClass(name, count, "abstract", 1, 1, 1.0, null, 0, Map.of("honest", 1.0));
  }

  public NodeClass withAvailability(Availability a) {
    return new NodeClass(name, count, hardware, gpus, slots, speed, a, stake, behaviour,
        regions, link, modelCache, preloaded);
  }
}
