package dev.weft.stats;

/**
 * The time-weighted average of a piecewise-constant quantity (queue length, busy servers).
 * Call {@link #update(double, double)} whenever the value changes; averages can be read over the
 * whole observation or over the interval since the last {@link #resetInterval(double)}.
 */
public final class TimeAverage {
  private double start;
  private double lastTime;
  private double value;
  private double area;
  private double intervalStart;
  private double intervalArea;

  public TimeAverage(double startTime, double initialValue) {
    this.start = startTime;
    this.lastTime = startTime;
    this.intervalStart = startTime;
    this.value = initialValue;
  }

  /** The value becomes {@code newValue} at time {@code now}. */
  public void update(double now, double newValue) {
    advance(now);
    value = newValue;
  }

  /** Adds {@code delta} to the value at time {@code now}. */
  public void add(double now, double delta) {
    advance(now);
    value += delta;
  }

  public double value() {
    return value;
  }

  private void advance(double now) {
    double dt = now - lastTime;
    if (dt > 0) {
      area += dt * value;
      intervalArea += dt * value;
      lastTime = now;
    }
  }

  /** Average from the start (or last {@link #restart}) to {@code now}. */
  public double average(double now) {
    advance(now);
    double span = now - start;
    return span > 0 ? area / span : value;
  }

  /** Average since the last interval reset. */
  public double intervalAverage(double now) {
    advance(now);
    double span = now - intervalStart;
    return span > 0 ? intervalArea / span : value;
  }

  public void resetInterval(double now) {
    advance(now);
    intervalStart = now;
    intervalArea = 0;
  }

  /** Forgets everything before {@code now} (end of warm-up), keeping the current value. */
  public void restart(double now) {
    advance(now);
    start = now;
    area = 0;
    intervalStart = now;
    intervalArea = 0;
  }
}
