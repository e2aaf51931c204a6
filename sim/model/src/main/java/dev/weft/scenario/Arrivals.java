package dev.weft.scenario;

/**
 * An arrival process: Poisson at a rate, a renewal process with a given gap distribution, or
 * the replay of a request trace (a CSV of arrival times and token counts).
 */
@Doc("An arrival process.")
public record Arrivals(
    @Doc("poisson (rate), renewal (interarrival) or trace (file).")
        ArrivalProcess process,
    @Doc("Mean arrivals per unit time (poisson).") @Unit(Quantity.RATE) @Default(Default.NONE)
        @Range(min = 0, minExclusive = true) Double rate,
    @Doc("Time between arrivals (renewal).") @Unit(Quantity.DURATION) @Default(Default.NONE)
        DistSpec interarrival,
    @Doc("Trace CSV file, relative to this scenario file (trace).") @FilePath
        @Default(Default.NONE) String file,
    @Doc("Trace column with arrival timestamps (seconds, or yyyy-MM-dd HH:mm:ss.fffffff).")
        @Default("TIMESTAMP") String time,
    @Doc("Trace column with prompt tokens.") @Default("ContextTokens") String promptTokens,
    @Doc("Trace column with output tokens.") @Default("GeneratedTokens") String outputTokens,
    @Doc("Replay speed: 2 compresses the trace's time by half.") @Default("1")
        @Range(min = 0, minExclusive = true) double speedup,
    @Doc("Start the trace again when it ends.") @Default("false") boolean loop) {

  /** A Poisson process at {@code rate} per second. */
  public static Arrivals poisson(double rate) {
    return new Arrivals(ArrivalProcess.POISSON, rate, null, null, "TIMESTAMP", "ContextTokens",
        "GeneratedTokens", 1, false);
  }

  /** A renewal process with the given gap distribution. */
  public static Arrivals renewal(DistSpec interarrival) {
    return new Arrivals(ArrivalProcess.RENEWAL, null, interarrival, null, "TIMESTAMP", "ContextTokens",
        "GeneratedTokens", 1, false);
  }
}
