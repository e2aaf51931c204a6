/**
 * The scenario format: binding a positioned YAML tree into the immutable records of {@code
 * dev.weft.scenario} (units, defaults, bounds, closed name lists, every error collected), and
 * the JSON Schema and the resolved YAML generated from the same records. The closed name lists
 * are passed in by the caller, so this package knows no registry. May depend on {@code
 * dev.weft.yaml}, {@code scenario}, {@code random} (distribution forms) and Jackson (for
 * writing).
 */
package dev.weft.scenario.yaml;
