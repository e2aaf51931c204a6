package dev.weft.ai;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelModel;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import dev.weft.hardware.Prediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time of one training step: tensor parallelism over a node's devices, data parallelism
 * across nodes. Forward as in inference over all tokens of the micro-batch (attention as
 * causal prefill, LM head over every token, softmax loss). Backward as two GEMMs per forward
 * GEMM (input gradient {@code m x k = (m x n)(n x k)} and weight gradient
 * {@code n x k = (n x m)(m x k)}), so about 2x the forward FLOPs; attention and memory-bound
 * kernels at 2x their forward time. Then the optimizer (mixed-precision Adam: 28 bytes
 * read and written per parameter, counted as a copy of 14 bytes per parameter) and the
 * gradient all-reduce across nodes: a ring over the node link,
 * {@code latency + 2(n-1)/n * gradient bytes / link bandwidth}, labelled spec-roofline (it
 * comes from the scenario's link figure, nothing measured).
 */
public final class TrainingCost {
  private final KernelModel kernels;
  private final AiModel model;
  private final String hw;
  private final int tp;
  private final Dtype dtype;
  private final Map<Long, List<Step>> cache = new HashMap<>();

  /** Costs of training {@code model} on nodes of {@code gpus} devices of {@code hardware}. */
  public TrainingCost(KernelModel kernels, AiModel model, String hardware, int gpus) {
    Hardware h = kernels.hardware(hardware);
    if (gpus < 1) {
      throw new IllegalArgumentException("gpus must be at least 1");
    }
    if (gpus > 1 && !(h.linkBandwidth() > 0)) {
      throw new IllegalArgumentException(hardware + " has no device interconnect");
    }
    this.kernels = kernels;
    this.model = model;
    this.hw = hardware;
    this.tp = gpus;
    this.dtype = model.dtype();
  }

  /**
   * One step of {@code sequences} sequences of {@code length} tokens per node, data parallel
   * over {@code nodes} nodes joined by links of {@code linkBytesPerSecond} and
   * {@code linkLatencySeconds}.
   */
  public Timing step(int sequences, int length, int nodes, double linkBytesPerSecond,
      double linkLatencySeconds) {
    return Timing.of(steps(sequences, length, nodes, linkBytesPerSecond, linkLatencySeconds));
  }

  /**
   * Bytes of gradients one node contributes to the all-reduce across nodes: every tensor
   * parallel shard of the model, at the model's precision.
   */
  public double gradientBytes() {
    return model.weightBytes();
  }

  /** The kernel calls of one step, with predictions (their times add up to the step). */
  public List<Step> steps(int sequences, int length, int nodes, double linkBytesPerSecond,
      double linkLatencySeconds) {
    if (sequences < 1 || length < 1 || nodes < 1) {
      throw new IllegalArgumentException("sequences, length and nodes must be at least 1");
    }
    long key = ((long) sequences << 32) | length;
    List<Step> local = cache.computeIfAbsent(key, k -> local(sequences, length));
    List<Step> out = new ArrayList<>(local);
    if (nodes > 1) {
      if (!(linkBytesPerSecond > 0)) {
        throw new IllegalArgumentException("data parallelism needs a link bandwidth");
      }
      double bytes = model.weightBytes() / tp;
      double t = linkLatencySeconds + 2.0 * (nodes - 1) / nodes * bytes / linkBytesPerSecond;
      out.add(new Step("gradient_all_reduce", 1, KernelQuery.allReduce(hw, (long) bytes, nodes),
          new Prediction(t, Label.SPEC_ROOFLINE, String.format(Locale.ROOT,
              "ring all-reduce over %d nodes at %.3g GB/s", nodes, linkBytesPerSecond / 1e9))));
    }
    return out;
  }

  private List<Step> local(int sequences, int length) {
    long t = (long) sequences * length;
    int layers = model.layers();
    int hidden = model.hiddenSize();
    int heads = Math.max(1, AiModel.ceilDiv(model.heads(), tp));
    int kv = model.kvHeadsPerDevice(tp);
    int d = model.headDim();
    int width = AiModel.ceilDiv(model.moe() ? model.expertIntermediateSize()
        * model.expertsPerToken() : model.intermediateSize(), tp);
    int gated = model.gatedMlp() || model.moe() ? 2 : 1;
    int vocab = AiModel.ceilDiv(model.vocabSize(), tp);
    List<Step> out = new ArrayList<>();
    gemm(out, "qkv_proj", layers, t, (long) (heads + 2 * kv) * d, hidden);
    gemm(out, "o_proj", layers, t, hidden, (long) heads * d);
    gemm(out, "up_proj", layers, t, (long) gated * width, hidden);
    gemm(out, "down_proj", layers, t, hidden, width);
    gemm(out, "lm_head", 1, t, vocab, hidden);
    KernelQuery attn = KernelQuery.prefill(hw, dtype, sequences, length, 0, heads, kv, d);
    add(out, "attention", layers, attn);
    add(out, "attention_backward", 2 * layers, attn);
    memory(out, "norms", 2 * layers + 1, KernelQuery.rows(hw, Op.RMSNORM, dtype, t, hidden));
    memory(out, "rope", layers, KernelQuery.rows(hw, Op.ROPE, dtype, t, (long) (heads + kv)
        * d));
    memory(out, "act", layers, KernelQuery.activation(hw, dtype, t, width, gated));
    memory(out, "residual", 2 * layers, KernelQuery.rows(hw, Op.ELEMENTWISE, dtype, t,
        hidden));
    memory(out, "loss_softmax", 1, KernelQuery.rows(hw, Op.SOFTMAX, dtype, t, vocab));
    if (tp > 1) {
      // two all-reduces per layer forward, two backward
      add(out, "tp_all_reduce", 4 * layers, KernelQuery.allReduce(hw, t * hidden
          * model.dtypeBytes(), tp));
    }
    add(out, "optimizer", 1, KernelQuery.copy(hw, (long) (14 * model.paramsBillion() * 1e9
        / tp)));
    return List.copyOf(out);
  }

  /** Forward GEMM m x n x k, then its input-gradient and weight-gradient GEMMs. */
  private void gemm(List<Step> out, String name, int repeat, long m, long n, long k) {
    add(out, name, repeat, KernelQuery.gemm(hw, dtype, m, n, k));
    add(out, name + "_grad_input", repeat, KernelQuery.gemm(hw, dtype, m, k, n));
    add(out, name + "_grad_weight", repeat, KernelQuery.gemm(hw, dtype, n, k, m));
  }

  /** A memory-bound kernel forward, and backward at twice its time. */
  private void memory(List<Step> out, String name, int repeat, KernelQuery q) {
    add(out, name, repeat, q);
    add(out, name + "_backward", 2 * repeat, q);
  }

  private void add(List<Step> out, String name, int repeat, KernelQuery q) {
    out.add(new Step(name, repeat, q, kernels.predict(q)));
  }
}
