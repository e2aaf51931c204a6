package dev.weft.economics;

/**
 * Hears the moment an operator becomes able or unable to take work: jailed or released, gone
 * or back, bonded below the minimum or topped up again. The economy's state is complete when it
 * is called (the operator's selection weight already reflects the change); the listener may read
 * the economy but must not report events to it from inside the call, which may come in the
 * middle of one of the economy's own steps.
 */
@FunctionalInterface
public interface ActivityListener {
  /** Hears nothing. */
  ActivityListener NONE = (operator, active) -> { };

  /** {@code operator} may now ({@code active}) or may no longer take work. */
  void activityChanged(int operator, boolean active);
}
