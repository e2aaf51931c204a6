/**
 * What a run leaves behind: {@code summary.json}, {@code metrics/*.csv}, {@code report.html}
 * (self-contained, inline SVG charts) and {@code report.md} (charts as files beside it), written
 * into a folder that appears only once everything in it is complete. Depends on {@code run}
 * results, Jackson and XChart.
 */
package dev.weft.report;
