package dev.weft.economics;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * With probability p a stake-weighted verifier re-executes the job and compares; the verdict
 * is known after a fixed delay. Detection probability per junk result is p times the chance the
 * verifier is neither lazy nor in the cheater's cartel.
 */
public final class SpotCheck implements VerificationPolicy {
  private final double rate;
  private final double delay;

  public SpotCheck(double rate, double delay) {
    this.rate = rate;
    this.delay = delay;
  }

  @Override
  public void plan(UniformRandomProvider rng, CheckPlan out) {
    boolean checked = rate >= 1 || (rate > 0 && rng.nextDouble() < rate);
    out.set(checked ? 1 : 0, 0, delay);
  }

  @Override
  public double checkProbability() {
    return rate;
  }
}
