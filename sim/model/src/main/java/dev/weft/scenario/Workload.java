package dev.weft.scenario;

/** One stream of jobs offered to the network. */
@Doc("A stream of jobs.")
public record Workload(
    @Doc("Name of the stream, unique in the scenario.") String name,
    @Doc("synthetic: service time given directly.") @Default("synthetic")
        @OneOf(Vocabulary.WORKLOAD_KIND) String kind,
    @Doc("When jobs arrive.") Arrivals arrivals,
    @Doc("Service time on a node of speed 1 (synthetic jobs).") @Unit(Quantity.DURATION)
        @Default(Default.NONE) DistSpec service,
    @Doc("A job not finished this long after submission expires.") @Unit(Quantity.DURATION)
        @Default(Default.NONE) @Range(min = 0, minExclusive = true) Double deadline) {}
