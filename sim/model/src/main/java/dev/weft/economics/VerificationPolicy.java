package dev.weft.economics;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Decides, per completed job, how many extra executions check it and when the outcome is known.
 * The economy then draws the checkers and compares results: a lazy operator's junk is caught
 * only when some honest execution is compared with it.
 */
public interface VerificationPolicy {

  /** Fills {@code out} for one completed job, drawing from {@code rng}. */
  void plan(UniformRandomProvider rng, CheckPlan out);

  /** The probability a job is checked at all: what a rational cheater weighs. */
  double checkProbability();
}
