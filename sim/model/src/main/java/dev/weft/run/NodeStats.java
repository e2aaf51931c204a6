package dev.weft.run;

/**
 * Node population after warm-up (definitions in METRICS.md).
 *
 * @param count nodes in the scenario
 * @param onlineMean time-averaged online nodes
 * @param utilization share of the online nodes' serving capacity in use, time-averaged: busy
 *     slots over slots, or for a continuous-batching engine the larger of its sequences over
 *     {@code maxSeqs} and its reserved KV cache over the cache; each node weighs one
 * @param busy share of online node time in which a node held at least one job (what
 *     {@code nvidia-smi} shows as busy); never below {@code utilization}
 */
public record NodeStats(int count, double onlineMean, double utilization, double busy) {}
