package dev.weft.scenario;

/** What a run writes besides the summary. */
@Doc("Output options.")
public record Outputs(
    @Doc("Time-series resolution. Unset, it follows the duration: the finest of 1m, 2m, 5m, 10m,"
        + " 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, 2d, 7d, 30d that keeps the series within"
        + " 2,000 rows.") @Unit(Quantity.DURATION) @Default(Default.NONE)
        @Range(min = 0, minExclusive = true) Double metricsInterval,
    @Doc("Write trace.csv with one row per job lifecycle event (large).") @Default("false")
        boolean trace,
    @Doc("Write metrics/requests.csv with one row per completed inference request (arrival,"
        + " first token, completion, tokens, node, class).") @Default("false")
        boolean requests,
    @Doc("Write metrics/stake.csv with one row per change of an operator's own bonded stake"
        + " (time, operator, class, stake, cause), from each operator's stake at the start.")
        @Default("false") boolean stake) {

  /** Rows the default interval keeps the time series within, whatever the duration. */
  public static final int DEFAULT_ROWS = 2000;

  private static final double[] STEPS = {60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
      21600, 43200, 86400, 172800, 604800, 2592000};

  /** Outputs with a set interval. */
  public Outputs(double metricsInterval, boolean trace) {
    this(Double.valueOf(metricsInterval), trace, false, false);
  }

  /** These outputs with the interval resolved for a run of {@code duration} seconds. */
  public Outputs resolvedFor(double duration) {
    return metricsInterval != null ? this
        : new Outputs(defaultInterval(duration), trace, requests, stake);
  }

  /**
   * The default interval: the first step that keeps {@code duration} within {@link
   * #DEFAULT_ROWS} rows (a bounded series whatever the horizon, so cost follows the work), the
   * last step beyond.
   */
  public static double defaultInterval(double duration) {
    for (double s : STEPS) {
      if (duration / s <= DEFAULT_ROWS) {
        return s;
      }
    }
    return STEPS[STEPS.length - 1];
  }
}
