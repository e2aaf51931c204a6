package dev.weft.run;

import dev.weft.economics.Result;
import dev.weft.network.Flow;
import dev.weft.node.Node;
import dev.weft.serving.Request;

/**
 * What a job's attempt holds while it is under way: at most one of a transfer (with its
 * {@link NetworkPhase}), a place in a serving engine, a gang of nodes, or a completion event on
 * a slot. Each is cleared when the attempt leaves that stage, so the run can always tell what to
 * cancel when a deadline passes or a node leaves.
 */
final class Attempt {
  NetworkPhase phase = NetworkPhase.NONE;
  /** When the current network phase began. */
  double phaseStart;
  /** The transfer in progress (input or output), or null. */
  Flow flow;
  /** The request in a node's serving engine, or null. */
  Request<JobRun> request;
  /** The data-parallel attempt over several nodes, or null. */
  GangAttempt gang;
  /** Engine handle of the pending completion on a slot; -1 when none. */
  long completion = -1;
  /**
   * The execution whose result is on its way home, priced when it arrives: its GPU-seconds on
   * the node it ran on, or for a data-parallel attempt the seconds each member ran (times the
   * member's GPUs); NaN when none waits (not run yet, or already billed or forfeited).
   */
  double unbilled = Double.NaN;
  /** The members of the data-parallel attempt {@link #unbilled} covers; null for one node. */
  Node[] unbilledGang;
  /**
   * What this attempt's node returns, drawn when it starts: anything but
   * {@link Result#CORRECT} is junk returned at once, without running the job.
   */
  Result result = Result.CORRECT;
}
