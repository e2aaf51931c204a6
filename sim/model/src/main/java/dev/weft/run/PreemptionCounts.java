package dev.weft.run;

/**
 * KV-cache preemptions of inference requests submitted after warm-up (first attempt or not),
 * on one node class or all of them (METRICS.md "KV-cache preemption").
 *
 * @param recomputed preemptions by recomputation: the request's cache was dropped, to be
 *     prefilled again (under {@code preemption: swap}, those the host swap space had no room for)
 * @param swapOuts preemptions by swapping: the cache was copied to host memory
 * @param swapIns swapped requests copied back to the device
 * @param bytesOut bytes copied to host memory, summed over the node's GPUs
 * @param bytesIn bytes copied back, summed over the node's GPUs
 */
public record PreemptionCounts(long recomputed, long swapOuts, long swapIns, long bytesOut,
    long bytesIn) {

  /** No preemption. */
  public static final PreemptionCounts ZERO = new PreemptionCounts(0, 0, 0, 0, 0);
}
