package dev.weft.scenario;

import java.util.Map;

/** Jobs whose service time is drawn directly; one slot per job. */
@Doc("A stream of synthetic jobs.")
@Variant("synthetic")
public record SyntheticWorkload(
    @Doc(Workload.NAME) String name,
    @Doc(Workload.ARRIVALS) Arrivals arrivals,
    @Doc("Service time on a node of speed 1.") @Unit(Quantity.DURATION)
        @Default(Default.NONE) DistSpec service,
    @Doc(Workload.DEADLINE) @Unit(Quantity.DURATION) @Default(Default.NONE)
        @Range(min = 0, minExclusive = true) Double deadline,
    @Doc(Workload.ORIGIN) @Default(Default.NONE) Map<String, Double> origin,
    @Doc(Workload.INPUT) @Unit(Quantity.DATA_SIZE) @Default(Default.NONE) DistSpec input,
    @Doc(Workload.OUTPUT) @Unit(Quantity.DATA_SIZE) @Default(Default.NONE) DistSpec output)
    implements Workload {

  public SyntheticWorkload {
    origin = Workload.ordered(origin);
  }

  @Override
  public WorkloadKind kind() {
    return WorkloadKind.SYNTHETIC;
  }

  /** The same stream with another deadline. */
  public SyntheticWorkload withDeadline(Double d) {
    return new SyntheticWorkload(name, arrivals, service, d, origin, input, output);
  }
}
