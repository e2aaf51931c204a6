/**
 * Compute nodes as placement sees them: identity, capacity and load counters (online, busy
 * slots, queued and inbound jobs, serving load). The run keeps the jobs themselves. Depends on
 * nothing else in Weft.
 */
package dev.weft.node;
