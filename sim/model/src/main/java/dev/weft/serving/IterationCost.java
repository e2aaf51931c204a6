package dev.weft.serving;

/** Seconds one engine iteration takes for a given batch on this node's hardware. */
@FunctionalInterface
public interface IterationCost {

  double seconds(Batch batch);

  /**
   * Accounts {@code iterations} runs of {@code batch} to whatever provenance bookkeeping the
   * cost keeps (share of compute time by kernel-timing label); a no-op by default.
   */
  default void account(Batch batch, int iterations) {}
}
