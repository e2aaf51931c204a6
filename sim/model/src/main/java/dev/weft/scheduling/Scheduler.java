package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A placement policy. The run asks {@link #place} for each arriving or re-dispatched job; a
 * returned node takes the job into its local queue (starting it at once if a slot is free), and
 * {@code null} keeps the job in the central queue, from which nodes pull when a slot frees.
 * The run reports every change of a node's load or availability, so a policy can keep an index
 * instead of scanning.
 */
public interface Scheduler {

  /** Called once before the first job, with the policy's own random stream. */
  void attach(Cluster cluster, UniformRandomProvider rng);

  /** The node for {@code job}, or null to wait centrally. Only online nodes may be returned. */
  Node place(Job job);

  /**
   * True when jobs wait centrally by design (first-come-first-served across the whole network);
   * false when the central queue only holds jobs while no node is online.
   */
  default boolean queuesCentrally() {
    return false;
  }

  /** A node's busy or queued count changed. */
  default void loadChanged(Node node) {}

  /** A node went offline or came back. */
  default void availabilityChanged(Node node) {}

  /** Selection weights or bids may have changed (end of an economic epoch). */
  default void weightsChanged() {}
}
