package dev.weft.scenario;

/** What a run writes besides the summary. */
@Doc("Output options.")
public record Outputs(
    @Doc("Time-series resolution.") @Unit(Quantity.DURATION) @Default("1m")
        @Range(min = 0, minExclusive = true) double metricsInterval,
    @Doc("Write trace.csv with one row per job lifecycle event (large).") @Default("false")
        boolean trace,
    @Doc("Write metrics/requests.csv with one row per completed inference request (arrival,"
        + " first token, completion, tokens, node, class).") @Default("false")
        boolean requests) {

  /** Without the per-request file. */
  public Outputs(double metricsInterval, boolean trace) {
    this(metricsInterval, trace, false);
  }
}
