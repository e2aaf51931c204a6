package dev.weft.run;

/** Node population after warm-up: time-averaged online count and busy share of online slots. */
public record NodeStats(int count, double onlineMean, double utilization) {}
