package dev.weft.run;

import dev.weft.workload.Job;

/** Receives every job lifecycle event when a trace is asked for. */
@FunctionalInterface
public interface Trace {
  Trace NONE = (time, event, job, node) -> {};

  void record(double time, String event, Job job, int node);
}
