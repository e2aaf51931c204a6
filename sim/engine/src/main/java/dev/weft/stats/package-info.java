/**
 * Streaming statistics for simulation output: tallies with exact quantiles and time-weighted
 * averages. Depends on nothing of the domain.
 */
package dev.weft.stats;
