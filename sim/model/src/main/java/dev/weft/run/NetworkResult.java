package dev.weft.run;

import dev.weft.network.NetworkStats;

/**
 * What the network did in a run: transfer statistics, cold starts (model weights downloaded
 * before a node's first job of that model), the share of job latency spent moving data, and
 * the verification re-executions that shipped a job's input to a verifier, and the gradient
 * all-reduces of data-parallel training (how many, and how long each took).
 */
public record NetworkResult(NetworkStats stats, long coldStarts, double latencyShare,
    long verificationTransfers, long allReduces, Percentiles allReduceTime) {}
