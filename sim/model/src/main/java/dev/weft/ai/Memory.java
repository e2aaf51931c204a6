package dev.weft.ai;

import dev.weft.hardware.Hardware;

/** Memory checks: weights plus KV cache per device under tensor parallelism. */
public final class Memory {
  /** Share of device memory a server may use (vLLM's default gpu_memory_utilization). */
  public static final double USABLE_FRACTION = 0.90;

  /** Tokens per forward pass the activation reserve is sized for (vLLM's default budget). */
  public static final int BATCHED_TOKENS = 2048;

  /** Sequences whose logits the reserve holds at once (vLLM's default max_num_seqs). */
  public static final int SEQUENCES = 256;

  /** KV tokens a deployment must hold to count as fitting: a sequence of this many. */
  public static final int MIN_CONTEXT = 4096;

  private Memory() {}

  /** The memory split on each of {@code gpus} devices of {@code hw}. */
  public static MemoryPlan plan(AiModel m, Hardware hw, int gpus) {
    if (gpus < 1) {
      throw new IllegalArgumentException("gpus must be at least 1");
    }
    double usable = hw.memoryBytes() * USABLE_FRACTION;
    double weights = m.weightBytes() / gpus;
    // Peak activations of one forward pass (the widest MLP intermediate, a few hidden-size
    // buffers) plus fp32 logits for the sequences sampled at once: an estimate.
    int width = m.moe() ? m.expertIntermediateSize() * m.expertsPerToken()
        : m.intermediateSize();
    double activations = (double) BATCHED_TOKENS * ((m.gatedMlp() ? 3.0 : 2.0) * width / gpus
        + 4.0 * m.hiddenSize()) * m.dtypeBytes();
    double logits = (double) SEQUENCES * m.vocabSize() * 4;
    double reserve = activations + logits;
    long perToken = m.kvBytesPerToken(gpus);
    long maxTokens = (long) Math.max(0, Math.floor((usable - weights - reserve) / perToken));
    return new MemoryPlan(usable, weights, reserve, perToken, maxTokens);
  }

  /** KV-cache tokens that fit beside the weights on {@code gpus} devices. */
  public static long maxKvTokens(AiModel m, Hardware hw, int gpus) {
    return plan(m, hw, gpus).maxKvTokens();
  }

  /**
   * True when the model can be served on {@code gpus} devices of {@code hw}: weights,
   * reserve and the KV cache of one sequence of min(maxContext, {@value #MIN_CONTEXT}) tokens.
   */
  public static boolean fits(AiModel m, Hardware hw, int gpus) {
    return plan(m, hw, gpus).holds(Math.min(m.maxContext(), MIN_CONTEXT));
  }
}
