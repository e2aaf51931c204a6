package dev.weft.run;

/**
 * Per node class, after warm-up; {@code utilization} and {@code busy} as in {@link NodeStats},
 * over the class's nodes.
 */
public record ClassStats(String name, String hardware, int count, double onlineMean,
    double utilization, double busy, long completed, double latencyMean) {}
