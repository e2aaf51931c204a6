/**
 * AI workloads on hardware: model shapes ({@link dev.weft.ai.AiModel}), memory checks
 * ({@link dev.weft.ai.Memory}), and the expansion of an inference iteration or a training
 * step into kernel calls whose predicted times add up to its duration
 * ({@link dev.weft.ai.InferenceCost}, {@link dev.weft.ai.TrainingCost}). Pure functions of
 * the kernel model; no I/O.
 */
package dev.weft.ai;
