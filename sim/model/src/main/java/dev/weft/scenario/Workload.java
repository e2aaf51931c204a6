package dev.weft.scenario;

import java.util.Map;

/**
 * One stream of jobs offered to the network, of one {@link WorkloadKind}: each kind is its own
 * record with only the settings that apply to it. A scenario picks the kind with {@code kind:}.
 */
@Doc("A stream of jobs.")
@Variants(key = "kind", fallback = "synthetic", doc = "synthetic (service time given),"
    + " inference (an AI model serving requests) or training (optimizer steps of an AI model).")
public sealed interface Workload permits SyntheticWorkload, AiWorkload {
  String NAME = "Name of the stream, unique in the scenario.";
  String ARRIVALS = "When jobs arrive.";
  String DEADLINE = "A job not finished this long after submission expires.";
  String MODEL = "AI model id from models/ai/.";
  String ORIGIN = "Regions the jobs are submitted from: one id or weights (network).";
  String INPUT = "Input payload sent from the submitter to the node (network).";
  String OUTPUT = "Result sent back from the node to the submitter (network).";

  String name();

  WorkloadKind kind();

  Arrivals arrivals();

  /** Seconds after submission at which an unfinished job expires; null for never. */
  Double deadline();

  /** Submitting regions and their weights; null for the first region (or no network). */
  Map<String, Double> origin();

  /** Bytes sent to the node before a job starts; null for none. */
  DistSpec input();

  /** Bytes sent back after a job ends; null for none. */
  DistSpec output();

  /** Nodes a job runs on at once: one, except for data-parallel training. */
  default int nodes() {
    return 1;
  }

  /** A synthetic stream: service times drawn directly. */
  static SyntheticWorkload synthetic(String name, Arrivals arrivals, DistSpec service,
      Double deadline) {
    return new SyntheticWorkload(name, arrivals, service, deadline, null, null, null);
  }

  /** An unmodifiable copy of {@code origin} in its written order, or null. */
  static Map<String, Double> ordered(Map<String, Double> origin) {
    return origin == null ? null
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(origin));
  }
}
