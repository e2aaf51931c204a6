package dev.weft.scenario;

import java.util.Map;

/** Generation requests for an AI model, served by continuous-batching engines. */
@Doc("A stream of inference requests.")
@Variant("inference")
public record InferenceWorkload(
    @Doc(Workload.NAME) String name,
    @Doc(Workload.ARRIVALS) Arrivals arrivals,
    @Doc(Workload.DEADLINE) @Unit(Quantity.DURATION) @Default(Default.NONE)
        @Range(min = 0, minExclusive = true) Double deadline,
    @Doc(Workload.MODEL) @OneOf(Vocabulary.AI_MODEL) @Default(Default.NONE) String model,
    @Doc("Prompt tokens per request, unless a trace gives them.")
        @Default(Default.NONE) DistSpec promptTokens,
    @Doc("Output tokens per request, unless a trace gives them.")
        @Default(Default.NONE) DistSpec outputTokens,
    @Doc(Workload.ORIGIN) @Default(Default.NONE) Map<String, Double> origin,
    @Doc(Workload.INPUT) @Unit(Quantity.DATA_SIZE) @Default(Default.NONE) DistSpec input,
    @Doc(Workload.OUTPUT) @Unit(Quantity.DATA_SIZE) @Default(Default.NONE) DistSpec output)
    implements AiWorkload {

  public InferenceWorkload {
    origin = Workload.ordered(origin);
  }

  @Override
  public WorkloadKind kind() {
    return WorkloadKind.INFERENCE;
  }
}
