package dev.weft.serving;

/**
 * One generation request inside an engine; mutable, owned by the engine while it runs.
 *
 * @param <O> the caller's type for the owner handed back in callbacks
 */
public final class Request<O> {
  final O owner;
  final int promptTokens;
  final int outputTokens;
  int prefilled;      // prompt tokens already in the KV cache
  int prefillTarget;  // tokens to prefill: the prompt, plus the outputs to recompute after a
                      // preemption
  long held;          // KV-cache tokens this request holds in the engine
  int generated;      // output tokens produced
  int chunk;          // prompt tokens scheduled in the current single-iteration phase
  double scheduledAt = Double.NaN; // start of the first iteration with a chunk of it
  double firstTokenAt = Double.NaN;
  double lastTokenAt = Double.NaN; // when its latest token was ready

  /**
   * @param owner the caller's object (a job), handed back in callbacks
   * @param promptTokens tokens to prefill, at least 1
   * @param outputTokens tokens to generate, at least 1
   */
  public Request(O owner, int promptTokens, int outputTokens) {
    if (promptTokens < 1 || outputTokens < 1) {
      throw new IllegalArgumentException("a request needs at least one prompt and one output"
          + " token, got " + promptTokens + " and " + outputTokens);
    }
    this.owner = owner;
    this.promptTokens = promptTokens;
    this.outputTokens = outputTokens;
    this.prefillTarget = promptTokens;
  }

  public O owner() {
    return owner;
  }

  public int promptTokens() {
    return promptTokens;
  }

  public int outputTokens() {
    return outputTokens;
  }

  /** KV-cache tokens reserved for the whole life of the request. */
  long reservation() {
    return (long) promptTokens + outputTokens;
  }

  boolean decoding() {
    return prefilled == prefillTarget;
  }

  /** Tokens in its KV cache: prefilled ones plus those generated since (recomputed once). */
  int context() {
    return prefilled + generated - (prefillTarget - promptTokens);
  }

  /** Whether it was preempted and its cache dropped, to be prefilled again with its outputs. */
  boolean recomputing() {
    return prefillTarget > promptTokens;
  }

  /**
   * When the first iteration that includes this request (its first prefill chunk) began: the
   * end of its wait. NaN until then.
   */
  public double scheduledAt() {
    return scheduledAt;
  }

  /** Whether an iteration has included this request yet. */
  public boolean scheduled() {
    return !Double.isNaN(scheduledAt);
  }

  public double firstTokenAt() {
    return firstTokenAt;
  }
}
