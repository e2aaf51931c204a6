package dev.weft.run;

import dev.weft.workload.Job;

/**
 * A job as the run tracks it: the {@link Job} (identity, demand, lifecycle) plus what spans its
 * attempts (deadline event, failed transfers, time on the network) and its current
 * {@link Attempt}.
 */
final class JobRun {
  final Job job;
  /**
   * The run whose delivered result this one re-executes for verification, on the checker's
   * node; null for work a submitter asked for. A re-execution occupies its node like any job
   * but is not a job of the statistics: it has no deadline, is never retried, and is dropped
   * if its node leaves.
   */
  final JobRun original;
  final Attempt attempt = new Attempt();
  /** Engine handle of the pending deadline event; -1 when none. */
  long deadline = -1;
  /** Transfers of this job that failed (input or weights); beyond the retries the job fails. */
  int transferFailures;
  /** Seconds this job has spent in transfers and weight downloads so far. */
  double networkSeconds;

  JobRun(Job job) {
    this(job, null);
  }

  private JobRun(Job job, JobRun original) {
    this.job = job;
    this.original = original;
  }

  /** A re-execution of {@code original}'s job: the same work, submitted {@code now}. */
  static JobRun recheck(JobRun original, double now) {
    Job o = original.job;
    Job copy = new Job(o.id(), o.workload(), now, o.demand(), false)
        .tokens(o.promptTokens(), o.outputTokens())
        .bytes(o.inputBytes(), o.outputBytes())
        .origin(o.origin());
    return new JobRun(copy, original);
  }

  /** Whether this run re-executes another's result for verification. */
  boolean isCheck() {
    return original != null;
  }

  int workload() {
    return job.workload();
  }
}
