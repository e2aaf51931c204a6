package dev.weft.scenario;

import java.util.Map;

/** Optimizer steps of an AI model, on one node or data parallel over several. */
@Doc("A stream of training jobs.")
@Variant("training")
public record TrainingWorkload(
    @Doc(Workload.NAME) String name,
    @Doc(Workload.ARRIVALS) Arrivals arrivals,
    @Doc(Workload.DEADLINE) @Unit(Quantity.DURATION) @Default(Default.NONE)
        @Range(min = 0, minExclusive = true) Double deadline,
    @Doc(Workload.MODEL) @OneOf(Vocabulary.AI_MODEL) @Default(Default.NONE) String model,
    @Doc("Optimizer steps per job.") @Default(Default.NONE) DistSpec steps,
    @Doc("Sequences per step.") @Default("8") @Range(min = 1) int batchSequences,
    @Doc("Tokens per sequence.") @Default("2048") @Range(min = 1) int sequenceLength,
    @Doc(Workload.ORIGIN) @Default(Default.NONE) Map<String, Double> origin,
    @Doc(Workload.INPUT) @Unit(Quantity.DATA_SIZE) @Default(Default.NONE) DistSpec input,
    @Doc(Workload.OUTPUT) @Unit(Quantity.DATA_SIZE) @Default(Default.NONE) DistSpec output,
    @Doc("Nodes a job runs on at once, data parallel: each takes a slot on every one and"
        + " all-reduces its gradients over the network (needs a network section).")
        @Default("1") @Range(min = 1) int nodes,
    @Doc("Optimizer steps between gradient all-reduces (on several nodes): 1 is synchronous"
        + " data parallelism, more is local SGD as in DiLoCo.")
        @Default("1") @Range(min = 1) int syncEvery)
    implements AiWorkload {

  public TrainingWorkload {
    origin = Workload.ordered(origin);
  }

  @Override
  public WorkloadKind kind() {
    return WorkloadKind.TRAINING;
  }
}
