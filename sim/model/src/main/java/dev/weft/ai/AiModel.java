package dev.weft.ai;

import dev.weft.hardware.Dtype;
import java.util.Objects;

/**
 * Shapes of a decoder-only transformer (models/ai/ID.yaml). A mixture-of-experts model has
 * {@code experts > 0}: every layer's MLP is then {@code experts} experts of width
 * {@code expertIntermediateSize}, {@code expertsPerToken} of them per token.
 */
public record AiModel(String id, String name, String source, int layers, int hiddenSize,
    int intermediateSize, int heads, int kvHeads, int headDim, int vocabSize, boolean gatedMlp,
    int maxContext, double paramsBillion, int dtypeBytes, int experts, int expertsPerToken,
    int expertIntermediateSize) {

  public AiModel {
    Objects.requireNonNull(id, "id");
    if (layers < 1 || hiddenSize < 1 || heads < 1 || kvHeads < 1 || headDim < 1
        || vocabSize < 1 || dtypeBytes < 1 || (intermediateSize < 1 && experts < 1)) {
      throw new IllegalArgumentException(id + ": shapes must be positive");
    }
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(id + ": heads must be a multiple of kvHeads");
    }
    if (experts > 0 && (expertsPerToken < 1 || expertsPerToken > experts
        || expertIntermediateSize < 1)) {
      throw new IllegalArgumentException(id + ": expertsPerToken must be 1..experts and "
          + "expertIntermediateSize positive");
    }
    name = name == null ? id : name;
    source = source == null ? "" : source;
  }

  /** A dense model (no experts). */
  public static AiModel dense(String id, int layers, int hidden, int intermediate, int heads,
      int kvHeads, int headDim, int vocab, boolean gated, int maxContext, double paramsBillion,
      int dtypeBytes) {
    return new AiModel(id, id, "", layers, hidden, intermediate, heads, kvHeads, headDim, vocab,
        gated, maxContext, paramsBillion, dtypeBytes, 0, 0, 0);
  }

  public boolean moe() {
    return experts > 0;
  }

  /** Element type of weights and KV cache. */
  public Dtype dtype() {
    return Dtype.ofElementBytes(dtypeBytes);
  }

  /** Bytes of all weights. */
  public double weightBytes() {
    return paramsBillion * 1e9 * dtypeBytes;
  }

  /** KV heads each of {@code tp} devices holds: a share, or one replica when there are fewer. */
  public int kvHeadsPerDevice(int tp) {
    return Math.max(1, ceilDiv(kvHeads, tp));
  }

  /**
   * KV-cache bytes per token on each of {@code tp} devices:
   * {@code 2 * layers * kvHeads/tp * headDim * dtypeBytes} (GQA heads are replicated, not
   * split, when there are fewer KV heads than devices).
   */
  public long kvBytesPerToken(int tp) {
    return 2L * layers * kvHeadsPerDevice(tp) * headDim * dtypeBytes;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
