/**
 * The data files a scenario refers to besides itself: request traces to replay and the catalogs
 * under {@code models/} (AI model ids for now). Read and checked before a run starts, with
 * {@code FILE:LINE:COLUMN} errors, and handed to the run as {@link
 * dev.weft.run.Resources}. Depends on {@code scenario}, {@code workload}, {@code run}.
 */
package dev.weft.scenario.data;
