package dev.weft.run;

/** Which transfer an attempt is waiting for, if any. */
enum NetworkPhase {
  /** Not waiting on the network (queued, computing, or no network at all). */
  NONE,
  /** The job's input is on its way to the node. */
  INPUT,
  /** The node is downloading the model weights the job needs. */
  WEIGHTS,
  /** The result is on its way back to the submitter. */
  OUTPUT;

  /** Whether the node counts this attempt as inbound load (placed, not yet arrived). */
  boolean inbound() {
    return this == INPUT || this == WEIGHTS;
  }
}
