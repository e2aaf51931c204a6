/**
 * The data files a scenario refers to besides itself: request traces to replay and the ids of
 * the catalogs under {@code models/}. Read and checked before a run starts, with {@code
 * FILE:LINE:COLUMN} errors, and handed to the run as {@link dev.weft.run.Resources}. May depend
 * on {@code dev.weft.yaml} (errors), {@code kernels} (where {@code models/} is), {@code
 * scenario} and {@code workload}.
 */
package dev.weft.scenario.data;
