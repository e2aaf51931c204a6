package dev.weft.economics;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Optimistic verification: every result is paid only after a challenge period, during which a
 * watcher re-executes it with probability p (a challenge). Detection is as for spot checks; the
 * cost is that every fee waits in escrow for the whole period.
 */
public final class Optimistic implements VerificationPolicy {
  private final double challengeRate;
  private final double challengePeriod;

  public Optimistic(double challengeRate, double challengePeriod) {
    this.challengeRate = challengeRate;
    this.challengePeriod = challengePeriod;
  }

  @Override
  public void plan(UniformRandomProvider rng, CheckPlan out) {
    boolean challenged = challengeRate >= 1
        || (challengeRate > 0 && rng.nextDouble() < challengeRate);
    out.set(challenged ? 1 : 0, 0, challengePeriod);
  }

  @Override
  public double checkProbability() {
    return challengeRate;
  }
}
