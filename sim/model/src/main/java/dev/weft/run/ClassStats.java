package dev.weft.run;

/** Per node class, after warm-up. */
public record ClassStats(String name, String hardware, int count, double onlineMean,
    double utilization, long completed, double latencyMean) {}
