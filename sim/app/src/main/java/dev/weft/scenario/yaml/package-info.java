/**
 * Reading scenarios: YAML into a tree that remembers file, line and column; {@code include:} and
 * {@code --set} applied on that tree; binding into the immutable records of {@code
 * dev.weft.scenario} with units, defaults and every error collected; the JSON Schema and the
 * resolved YAML generated from the same records. Depends on {@code scenario}, SnakeYAML (for
 * positions and alias limits) and Jackson (for writing).
 */
package dev.weft.scenario.yaml;
