/**
 * Governance proposals and their comparison with a baseline (CONTRACT sections 3 and 5): the
 * proposal overlay and its objectives ({@code ProposalLoader}), runs of both sides with common
 * random numbers ({@code Comparison}), paired statistics and Holm-corrected verdicts ({@code
 * PairedStats}, {@code Judge}) and the comparison's files ({@code ComparisonReport}). Reads
 * proposal files itself (they are overlays on a scenario tree); runs through the model's
 * {@code World}; writes nothing (its caller, {@code cli}, stages the folder).
 */
package dev.weft.compare;
