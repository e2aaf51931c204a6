package dev.weft.scenario;

import java.util.Map;

/** One stream of jobs offered to the network. */
@Doc("A stream of jobs.")
public record Workload(
    @Doc("Name of the stream, unique in the scenario.") String name,
    @Doc("synthetic (service time given), inference (an AI model serving requests) or"
        + " training (optimizer steps of an AI model).") @Default("synthetic")
        @OneOf(Vocabulary.WORKLOAD_KIND) String kind,
    @Doc("When jobs arrive.") Arrivals arrivals,
    @Doc("Service time on a node of speed 1 (synthetic jobs).") @Unit(Quantity.DURATION)
        @Default(Default.NONE) DistSpec service,
    @Doc("A job not finished this long after submission expires.") @Unit(Quantity.DURATION)
        @Default(Default.NONE) @Range(min = 0, minExclusive = true) Double deadline,
    @Doc("AI model id from models/ai/ (inference and training).") @OneOf(Vocabulary.AI_MODEL)
        @Default(Default.NONE) String model,
    @Doc("Prompt tokens per request (inference), unless a trace gives them.")
        @Default(Default.NONE) DistSpec promptTokens,
    @Doc("Output tokens per request (inference), unless a trace gives them.")
        @Default(Default.NONE) DistSpec outputTokens,
    @Doc("Optimizer steps per job (training).") @Default(Default.NONE) DistSpec steps,
    @Doc("Sequences per step (training).") @Default("8") @Range(min = 1) int batchSequences,
    @Doc("Tokens per sequence (training).") @Default("2048") @Range(min = 1)
        int sequenceLength,
    @Doc("Regions the jobs are submitted from: one id or weights (network).")
        @Default(Default.NONE) Map<String, Double> origin,
    @Doc("Input payload sent from the submitter to the node (network).")
        @Unit(Quantity.DATA_SIZE) @Default(Default.NONE) DistSpec input,
    @Doc("Result sent back from the node to the submitter (network).")
        @Unit(Quantity.DATA_SIZE) @Default(Default.NONE) DistSpec output,
    @Doc("Nodes a training job runs on at once, data parallel: each takes a slot on every one"
        + " and all-reduces its gradients over the network (needs a network section).")
        @Default("1") @Range(min = 1) int nodes,
    @Doc("Optimizer steps between gradient all-reduces (training on several nodes): 1 is"
        + " synchronous data parallelism, more is local SGD as in DiLoCo.")
        @Default("1") @Range(min = 1) int syncEvery) {

  /** A workload without network fields. */
  public Workload(String name, String kind, Arrivals arrivals, DistSpec service, Double deadline,
      String model, DistSpec promptTokens, DistSpec outputTokens, DistSpec steps,
      int batchSequences, int sequenceLength) {
    this(name, kind, arrivals, service, deadline, model, promptTokens, outputTokens, steps,
        batchSequences, sequenceLength, null, null, null, 1, 1);
  }

  public Workload {
    origin = origin == null ? null
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(origin));
  }

  /** A synthetic stream: service times drawn directly. */
  public static Workload synthetic(String name, Arrivals arrivals, DistSpec service,
      Double deadline) {
    return new Workload(name, "synthetic", arrivals, service, deadline, null, null, null, null,
        8, 2048);
  }
}
