/**
 * Compute nodes as the run sees them: compact mutable state (online, busy slots, local queue)
 * over the immutable configuration of their class. Depends on {@code workload} (the jobs a node
 * holds).
 */
package dev.weft.node;
