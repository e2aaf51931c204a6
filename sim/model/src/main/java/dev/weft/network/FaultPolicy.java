package dev.weft.network;

/** What a fault does to the transfers crossing it. */
public enum FaultPolicy {
  /** They fail at once (and new ones across it fail when their latency has passed). */
  FAIL,
  /** They wait at rate zero and resume where they stopped when the fault heals. */
  STALL
}
