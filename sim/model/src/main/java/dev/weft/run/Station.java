package dev.weft.run;

import dev.weft.node.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The jobs at one node: those running on its slots and those waiting in its queue. Keeps the
 * node's counters (busy, queued) in step, which is what schedulers read.
 */
final class Station {
  final Node node;
  private final ArrayDeque<JobRun> queue = new ArrayDeque<>(4);
  private final ArrayList<JobRun> running = new ArrayList<>(1);

  Station(Node node) {
    this.node = node;
  }

  /** {@code job} starts on one of the node's slots. */
  void occupy(JobRun job) {
    node.occupySlot();
    running.add(job);
  }

  /** {@code job} leaves its slot (finished, expired or interrupted). */
  void release(JobRun job) {
    if (!running.remove(job)) {
      throw new IllegalStateException("job " + job.job.id() + " is not running on node "
          + node.id());
    }
    node.releaseSlot();
  }

  /** The jobs running now; a copy, so the caller may release them while iterating. */
  List<JobRun> running() {
    return List.copyOf(running);
  }

  void enqueue(JobRun job) {
    queue.addLast(job);
    node.queued(1);
  }

  /** Next live job of the queue, or null; skips jobs that expired while waiting. */
  JobRun poll() {
    JobRun j;
    while ((j = queue.pollFirst()) != null) {
      if (j.job.isWaiting()) {
        node.queued(-1);
        return j;
      }
    }
    return null;
  }

  /** A waiting job left the queue by other means (expired); it stays in the deque, skipped. */
  void forgetQueued() {
    node.queued(-1);
  }

  /** Removes every live waiting job (node going offline); the caller re-places them. */
  void drain(Consumer<JobRun> sink) {
    JobRun j;
    while ((j = queue.pollFirst()) != null) {
      if (j.job.isWaiting()) {
        node.queued(-1);
        sink.accept(j);
      }
    }
  }
}
