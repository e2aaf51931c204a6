package dev.weft.run;

import dev.weft.network.NetworkStats;

/**
 * What the network did in a run: transfer statistics, cold starts (model weights downloaded
 * before a node's first job of that model), and the share of job latency spent moving data.
 */
public record NetworkResult(NetworkStats stats, long coldStarts, double latencyShare) {}
