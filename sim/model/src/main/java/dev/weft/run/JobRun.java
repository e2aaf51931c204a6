package dev.weft.run;

import dev.weft.workload.Job;

/**
 * A job as the run tracks it: the {@link Job} (identity, demand, lifecycle) plus what spans its
 * attempts (deadline event, failed transfers, time on the network) and its current
 * {@link Attempt}.
 */
final class JobRun {
  final Job job;
  final Attempt attempt = new Attempt();
  /** Engine handle of the pending deadline event; -1 when none. */
  long deadline = -1;
  /** Transfers of this job that failed (input or weights); beyond the retries the job fails. */
  int transferFailures;
  /** Seconds this job has spent in transfers and weight downloads so far. */
  double networkSeconds;

  JobRun(Job job) {
    this.job = job;
  }

  int workload() {
    return job.workload();
  }
}
