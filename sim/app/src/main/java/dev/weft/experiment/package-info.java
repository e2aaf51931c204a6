/**
 * Experiments over the model: a run with its replications (independent seeds derived from the
 * master seed), and the writing of every output of a run into its folder. Depends on {@code
 * run}, {@code report} and {@code scenario.yaml}.
 */
package dev.weft.experiment;
