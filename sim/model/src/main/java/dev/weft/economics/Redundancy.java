package dev.weft.economics;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * k-of-n redundancy: every job runs on n operators; a result backed by k of them is accepted
 * and the executions that disagree are slashed. Without a k-quorum a trusted referee
 * re-executes. A cartel holding k of the n draws gets its junk accepted.
 */
public final class Redundancy implements VerificationPolicy {
  private final int replicas;
  private final int quorum;
  private final double delay;

  public Redundancy(int replicas, int quorum, double delay) {
    this.replicas = replicas;
    this.quorum = quorum;
    this.delay = delay;
  }

  @Override
  public void plan(UniformRandomProvider rng, CheckPlan out) {
    out.set(replicas - 1, replicas > 1 ? quorum : 0, delay);
  }

  @Override
  public double checkProbability() {
    return replicas > 1 ? 1 : 0;
  }
}
