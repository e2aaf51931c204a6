/**
 * The scenario as immutable records: what a protocol designer writes, after units are resolved
 * to base units (seconds, bytes, bits per second, per second).
 *
 * <p>Annotations on record components ({@link dev.weft.scenario.Unit}, {@link
 * dev.weft.scenario.Default}, {@link dev.weft.scenario.Range}, {@link dev.weft.scenario.Doc})
 * tell the loader how to read a value and the schema generator how to describe it, so the
 * records are the single source of the format. No file reading happens here. Depends on {@code
 * random} for distributions.
 */
package dev.weft.scenario;
