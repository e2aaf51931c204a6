/**
 * LLM serving on one node: a continuous-batching engine in the manner of vLLM (chunked prefill,
 * decode-first scheduling, a token budget per iteration, a KV-cache limit), stepped by phases
 * rather than by single iterations so a run costs a few events per request. The time of an
 * iteration comes from an {@link dev.weft.serving.IterationCost}, which the run builds from the
 * kernel-time model. Depends on {@code engine}.
 */
package dev.weft.serving;
