package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;

/**
 * The nodes a scheduler may place on, with local indexes 0..size()-1: all nodes of a run, or
 * the subset able to run a group of workloads (those whose AI model fits). The signals a policy
 * may rank by come grouped by their source, {@link #market()} and {@link #geography()}, each a
 * null object when the run has no economy or no network.
 */
public interface Cluster {

  /** Number of nodes this scheduler may use. */
  int size();

  /** The node at local index {@code i}, 0 <= i < size(). */
  Node node(int i);

  /** The local index of {@code n} (its position among this cluster's nodes). */
  int indexOf(Node n);

  /** Number of nodes online now. */
  int onlineCount();

  /** The i-th online node, 0 <= i < onlineCount(), in an order that changes with churn. */
  Node online(int i);

  /**
   * Expected seconds until a job placed on {@code n} now would be done, at the node's full
   * throughput: the jobs it holds (running, queued, on their way) plus this one, over the jobs
   * it completes per second when fully occupied. This is the index of shortest-expected-delay
   * routing, (jobs + 1) / (servers x rate), which ranks a node twice as fast as twice as
   * attractive at any queue length.
   *
   * <p>The default knows only the node's counters: (load + 1 / slots) / speed, in units of one
   * job's service time at speed 1. A run overrides it with each node class's throughput for the
   * cluster's workloads (an inference engine's tokens per second, a training step's time).
   */
  default double delay(Node n) {
    return (n.load() + 1.0 / n.slots()) / n.speed();
  }

  /**
   * Seconds from now until {@code job}'s deadline, or infinity when it has none: what an
   * auction's bidders must finish within. Without a clock (a cluster built by hand), infinity.
   */
  default double timeLeft(Job job) {
    return Double.POSITIVE_INFINITY;
  }

  /** The economy's view of the nodes (stake weights, bids); {@link Market#NONE} without one. */
  default Market market() {
    return Market.NONE;
  }

  /** Regions and round trips; {@link Geography#NONE} without a network. */
  default Geography geography() {
    return Geography.NONE;
  }
}
