package dev.weft.serving;

/** One generation request inside an engine; mutable, owned by the engine while it runs. */
public final class Request {
  final Object owner;
  final int promptTokens;
  final int outputTokens;
  int prefilled;      // prompt tokens already in the KV cache
  int generated;      // output tokens produced
  int chunk;          // prompt tokens scheduled in the current single-iteration phase
  double firstTokenAt = Double.NaN;

  /**
   * @param owner the caller's object (a job), handed back in callbacks
   * @param promptTokens tokens to prefill, at least 1
   * @param outputTokens tokens to generate, at least 1
   */
  public Request(Object owner, int promptTokens, int outputTokens) {
    if (promptTokens < 1 || outputTokens < 1) {
      throw new IllegalArgumentException("a request needs at least one prompt and one output"
          + " token, got " + promptTokens + " and " + outputTokens);
    }
    this.owner = owner;
    this.promptTokens = promptTokens;
    this.outputTokens = outputTokens;
  }

  public Object owner() {
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
    return prefilled == promptTokens;
  }

  int context() {
    return prefilled + generated;
  }

  public double firstTokenAt() {
    return firstTokenAt;
  }
}
