package dev.weft.run;

import dev.weft.stats.Tally;

/**
 * Placement of data-parallel jobs, which run on several nodes at once. {@link #NONE} stands in
 * for a run without a network, where no such job can exist (validation refuses them).
 */
interface Gangs {

  /** No network, so no gangs: nothing ever waits for one. */
  Gangs NONE = new Gangs() { };

  /** Tries the waiting data-parallel jobs once, after the current event. */
  default void requestAttempt() {}

  /** Gradient all-reduces finished after warm-up. */
  default long allReduces() {
    return 0;
  }

  /** Durations of those all-reduces, seconds. */
  default Tally allReduceSeconds() {
    return new Tally();
  }
}
