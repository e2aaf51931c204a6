package dev.weft.serving;

/**
 * Weighted durations on log-spaced bins, for quantities counted per token (time between
 * tokens), where keeping every value would cost eight bytes per generated token. Bins span
 * 1 us to 1,000 s at {@value #PER_DECADE} per decade (each 0.23 % wide); a quantile is the
 * geometric centre of the bin where the cumulative weight reaches it, so it is within 0.12 %
 * of the exact quantile of the same values (values outside the range are clamped to the end
 * bins). The mean is exact. Adding is O(1) and allocates nothing.
 */
public final class IntervalHistogram {
  /** Bins per decade. */
  public static final int PER_DECADE = 1000;
  private static final double LOW = 1e-6;
  private static final int DECADES = 9;
  private final long[] counts = new long[PER_DECADE * DECADES];
  private long total;
  private double sum;

  /** Adds {@code weight} observations of {@code seconds}. */
  public void add(double seconds, long weight) {
    if (weight <= 0) {
      return;
    }
    int b = (int) Math.floor(Math.log10(Math.max(seconds, LOW) / LOW) * PER_DECADE);
    counts[Math.min(counts.length - 1, Math.max(0, b))] += weight;
    total += weight;
    sum += seconds * weight;
  }

  public long count() {
    return total;
  }

  /** Exact mean of the added values, 0 when empty. */
  public double mean() {
    return total == 0 ? 0 : sum / total;
  }

  /** The {@code p} quantile (smallest bin whose cumulative weight reaches p x count). */
  public double quantile(double p) {
    if (total == 0) {
      return 0;
    }
    double target = Math.max(1, Math.ceil(p * total));
    long acc = 0;
    for (int i = 0; i < counts.length; i++) {
      acc += counts[i];
      if (acc >= target) {
        return LOW * Math.pow(10, (i + 0.5) / PER_DECADE);
      }
    }
    return LOW * Math.pow(10, DECADES);
  }
}
