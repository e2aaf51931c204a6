package dev.weft.scenario;

/** What a workload's jobs are, and so how a node serves them. */
public enum WorkloadKind implements Named {
  /** A service time drawn directly; one slot per job. */
  SYNTHETIC("synthetic"),
  /** Generation requests served by a node's continuous-batching engine. */
  INFERENCE("inference"),
  /** Optimizer steps of an AI model; one slot per job on each of its nodes. */
  TRAINING("training");

  private final String id;

  WorkloadKind(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
