/**
 * Experiments over the model: a run with its replications (independent seeds derived from the
 * master seed, Student-t intervals), parameter sweeps, and the writing of every output of a run
 * into its folder. May depend on the model ({@code run}, {@code scenario}, {@code random},
 * {@code workload}), {@code report} and {@code scenario.yaml} (the resolved scenario it writes);
 * not on the loader, which its caller ({@code cli}) runs.
 */
package dev.weft.experiment;
