package dev.weft.run;

import dev.weft.workload.Job;

/** Receives every job lifecycle event when a trace is asked for. */
@FunctionalInterface
public interface Trace {
  /** No trace: events are dropped. */
  Trace NONE = (time, event, job, node) -> {};

  /**
   * @param job the job, or null for a node's or operator's event
   * @param node the node id, or -1 when the event has none (queued centrally, expired)
   */
  void record(double time, TraceEvent event, Job job, int node);
}
