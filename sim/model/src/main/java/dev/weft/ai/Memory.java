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

  /** The memory split on each of {@code gpus} devices of {@code hw} at vLLM's default limits. */
  public static MemoryPlan plan(AiModel m, Hardware hw, int gpus) {
    return plan(m, hw, gpus, SEQUENCES, BATCHED_TOKENS);
  }

  /**
   * The memory split on each of {@code gpus} devices of {@code hw} for an engine of at most
   * {@code sequences} sequences and {@code batchedTokens} tokens per iteration (they size the
   * activation and logits reserve).
   */
  public static MemoryPlan plan(AiModel m, Hardware hw, int gpus, int sequences,
      int batchedTokens) {
    if (gpus < 1) {
      throw new IllegalArgumentException("gpus must be at least 1");
    }
    double usable = hw.memoryBytes() * USABLE_FRACTION;
    double weights = m.weightBytes() / gpus;
    // Peak activations of one forward pass (the widest MLP intermediate, a few hidden-size
    // buffers) plus fp32 logits for the sequences sampled at once: an estimate.
    int width = m.moe() ? m.expertIntermediateSize() * m.expertsPerToken()
        : m.intermediateSize();
    double activations = (double) batchedTokens * ((m.gatedMlp() ? 3.0 : 2.0) * width / gpus
        + 4.0 * m.hiddenSize()) * m.dtypeBytes();
    double logits = (double) sequences * m.vocabSize() * 4;
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

  /**
   * Bytes per parameter that mixed-precision Adam keeps on the devices: 16-bit weights and
   * gradients (2 + 2) and fp32 master weights, momentum and variance (4 + 4 + 4), as counted
   * by Rajbhandari et al., "ZeRO" (SC 2020), section 3.1.
   */
  public static final int TRAINING_BYTES_PER_PARAMETER = 16;

  /**
   * Activation bytes per token, layer and hidden unit kept for the backward pass with
   * selective recomputation: 34 for 16-bit activations (Korthikanti et al., "Reducing
   * Activation Recomputation in Large Transformer Models", MLSys 2023, table 2).
   */
  public static final int ACTIVATION_BYTES_PER_TOKEN_LAYER_HIDDEN = 34;

  /**
   * Bytes each of {@code gpus} devices needs to train on {@code sequences} x {@code length}
   * tokens per step (tensor parallel): optimizer state, weights and gradients, plus the
   * activations the backward pass keeps.
   */
  public static double trainingBytesPerDevice(AiModel m, int gpus, int sequences, int length) {
    if (gpus < 1) {
      throw new IllegalArgumentException("gpus must be at least 1");
    }
    double state = m.paramsBillion() * 1e9 * TRAINING_BYTES_PER_PARAMETER / gpus;
    double activations = (double) sequences * length * m.layers() * m.hiddenSize()
        * ACTIVATION_BYTES_PER_TOKEN_LAYER_HIDDEN / gpus;
    return state + activations;
  }

  /** True when {@link #trainingBytesPerDevice} fits in the usable memory of {@code hw}. */
  public static boolean fitsTraining(AiModel m, Hardware hw, int gpus, int sequences,
      int length) {
    return trainingBytesPerDevice(m, gpus, sequences, length)
        <= hw.memoryBytes() * USABLE_FRACTION;
  }
}
