package dev.weft.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A real-valued probability distribution in base units (seconds, bytes, ...).
 *
 * <p>Immutable and shareable; {@link #sampler(UniformRandomProvider)} binds it to one stream.
 */
public interface Distribution {

  /** A sampler drawing from {@code rng}. */
  Sampler sampler(UniformRandomProvider rng);

  /** The mean, or {@code NaN} where it does not exist. */
  double mean();

  /** The variance, or {@code NaN}/infinity where it does not exist. */
  double variance();

  /**
   * The length-biased (size-biased) form of this distribution's positive part, density
   * {@code x f(x) / E[X]} over {@code x > 0}: the length of the period that covers a random
   * instant of a renewal process whose periods follow this distribution (the inspection
   * paradox). A uniform position in such a period is the equilibrium residual time, with
   * distribution {@code F_e(x) = (1 / E[X]) ∫_0^x (1 - F(t)) dt}. Null where {@code E[X]} is not
   * finite and positive, or where no form is implemented.
   */
  default Distribution lengthBiased() {
    return null;
  }

  /** Draws values; one per stream, not thread-safe. */
  @FunctionalInterface
  interface Sampler {
    double sample();
  }
}
