/**
 * Jobs and the streams that offer them: arrival processes and service demands drawn from named
 * random streams. Depends on {@code engine}, {@code random} and {@code scenario}.
 */
package dev.weft.workload;
