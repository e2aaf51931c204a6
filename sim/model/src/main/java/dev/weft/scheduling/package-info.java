/**
 * Placement policies, one class each behind {@link dev.weft.scheduling.Scheduler}, created by
 * name through {@link dev.weft.scheduling.Schedulers}. Policies see nodes through {@link
 * dev.weft.scheduling.Cluster} and keep whatever index they need (a heap, a list of idle nodes)
 * so no policy scans every node per job. Depends on {@code node}, {@code
 * workload} and {@code collect} (the shared heap and Fenwick tree).
 */
package dev.weft.scheduling;
