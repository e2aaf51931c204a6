/**
 * One run of a scenario: {@link dev.weft.run.World} builds nodes, job streams and the scheduler
 * from the records, drives them on the event engine, and returns an immutable {@link
 * dev.weft.run.RunResult}. Mutable state lives only here and dies with the run. Depends on every
 * domain package; writes no files.
 */
package dev.weft.run;
