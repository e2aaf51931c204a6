/**
 * Jobs (identity, demand and lifecycle state) and replayed arrival traces. Depends on nothing
 * else in Weft: what an attempt holds while it runs belongs to {@code run}.
 */
package dev.weft.workload;
