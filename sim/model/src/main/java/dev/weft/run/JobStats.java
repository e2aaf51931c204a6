package dev.weft.run;

/**
 * Outcomes of the jobs submitted after warm-up; {@code submitted = completed + failed + expired
 * + inFlight}. {@code deadlineMissRate} is expired over jobs that reached an outcome.
 */
public record JobStats(long submitted, long completed, long failed, long expired, long inFlight,
    Percentiles waitTime, Percentiles latency, double throughput, double deadlineMissRate) {}
