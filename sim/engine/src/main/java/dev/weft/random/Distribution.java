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

  /** Draws values; one per stream, not thread-safe. */
  @FunctionalInterface
  interface Sampler {
    double sample();
  }
}
