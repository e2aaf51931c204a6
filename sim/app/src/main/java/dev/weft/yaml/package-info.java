/**
 * Positioned input, the bottom layer of the app: YAML read into a {@link dev.weft.yaml.YNode}
 * tree whose every value knows its file, line and column (SnakeYAML's composer, with alias,
 * depth and size limits); {@code include:} merging and {@code --set} edits on that tree; input
 * errors printed as {@code FILE:LINE:COLUMN: message} and collected into one {@link
 * dev.weft.yaml.InputException}; did-you-mean for misspelt names. Knows nothing of scenarios'
 * meaning. May depend on SnakeYAML and the JDK only; every other app package may depend on it.
 */
package dev.weft.yaml;
