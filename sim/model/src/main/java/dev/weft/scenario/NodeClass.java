package dev.weft.scenario;

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
        @Default(Default.NONE) Availability availability) {}
