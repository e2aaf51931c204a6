/**
 * What a run leaves behind: {@code summary.json}, {@code metrics/*.csv}, {@code report.html}
 * (self-contained, inline SVG charts) and {@code report.md} (charts as files beside it), written
 * into a folder that appears only once everything in it is complete. May depend on the model's
 * results ({@code run}, {@code scenario}, {@code economics}, {@code network}), Jackson and
 * XChart; no other app package.
 */
package dev.weft.report;
