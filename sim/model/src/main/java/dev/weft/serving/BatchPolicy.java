package dev.weft.serving;

/** How an engine fills an iteration when prompts and decoding sequences compete. */
public enum BatchPolicy {
  /**
   * Sarathi-Serve (vLLM with chunked prefill): every decoding sequence gets its token; prompt
   * chunks, oldest first, fill what is left of the token budget.
   */
  DECODE_FIRST_CHUNKED,
  /**
   * vLLM's scheduler without chunked prefill: while an admitted prompt is unprefilled, the
   * iteration prefills whole prompts, oldest first, up to the token budget, and every decoding
   * sequence waits; a prompt longer than the budget alone is prefilled in budget-sized parts.
   */
  PREFILL_FIRST
}
