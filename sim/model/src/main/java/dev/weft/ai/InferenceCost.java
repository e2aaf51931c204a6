package dev.weft.ai;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelModel;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time of one continuous-batching iteration of a model on one node, with tensor parallelism
 * over the node's {@code gpus} devices. The iteration is expanded into kernel calls:
 * <ul>
 *   <li>once: token embedding, final norm; LM head and sampling for every sequence;</li>
 *   <li>per layer over all T new tokens: norm, QKV GEMM, RoPE, KV-cache write (the T new
 *       tokens' keys and values copied into the cache), output GEMM, residual add,
 *       norm, up (gate+up) GEMM, activation, down GEMM, residual add (or a MoE layer), and
 *       with tp > 1 two all-reduces of T x hidden;</li>
 *   <li>per layer, attention: one prefill call per prefill chunk and one decode call for all
 *       decoding sequences at their mean context (decode attention reads every cached token
 *       once, so the mean gives the same bytes). Where the kernel tables measured mixed calls
 *       (one attention call serving a prefill chunk and decode sequences, as vLLM runs a
 *       mixed batch) for this hardware and attention shape, or other GPUs did for a GPU
 *       without a grid of its own (then transferred, {@code KernelModel.answersMixed}), an iteration with both a prefill
 *       chunk and decodes instead makes the first chunk and all decodes one
 *       {@code attention-mixed} call (the other chunks stay prefill calls): measured mixed
 *       calls take 18-40 % longer than the prefill and decode calls they serve
 *       (VALIDATION.md section 7). The first chunk, because LLMServingSim's profiles measure
 *       one chunk per call, and the scheduler puts the oldest (most advanced) prompt first.
 *       Without such tables the iteration is costed exactly as before.</li>
 * </ul>
 * Residual adds are counted unfused (vLLM fuses them into the norm: at most two small
 * kernels per layer too many). Chunk and context lengths above 64 are rounded up to 32 steps
 * per octave (at most 3% more) so that the per-shape cache stays small; T and the sequence
 * count are exact.
 *
 * <p>{@link #seconds(Batch)} is the hot path: costs are cached per shape in primitive maps,
 * so an iteration made of shapes seen before allocates nothing. {@link #steps(Batch)} lists
 * the same calls with their predictions (their times add up to {@code seconds}). One
 * instance per thread: the caches are not synchronised.
 */
public final class InferenceCost {
  private static final int EXACT_BELOW = 64;
  private static final int STEPS_PER_OCTAVE = 32;

  private final KernelModel kernels;
  private final AiModel model;
  private final String hw;
  private final int tp;
  private final Dtype dtype;
  private final int headsPerDevice;
  private final int kvHeadsPerDevice;
  private final int qkvN;
  private final int mlpWidth;
  private final int vocabPerDevice;
  private final CostCache dense = new CostCache();
  private final CostCache head = new CostCache();
  private final CostCache prefill = new CostCache();
  private final CostCache decode = new CostCache();
  private final CostCache mixed = new CostCache();
  /** Whether the tables measured mixed prefill+decode calls of this attention shape. */
  private final boolean mixedMeasured;
  private final double[] scratch = new double[CostCache.STRIDE];

  /** Costs of {@code model} on a node of {@code gpus} devices of {@code hardware}. */
  public InferenceCost(KernelModel kernels, AiModel model, String hardware, int gpus) {
    Hardware h = kernels.hardware(hardware);
    if (gpus < 1) {
      throw new IllegalArgumentException("gpus must be at least 1");
    }
    if (gpus > 1 && !(h.linkBandwidth() > 0)) {
      throw new IllegalArgumentException(hardware + " has no device interconnect for "
          + "tensor parallelism over " + gpus + " devices");
    }
    this.kernels = kernels;
    this.model = model;
    this.hw = hardware;
    this.tp = gpus;
    this.dtype = model.dtype();
    this.headsPerDevice = Math.max(1, AiModel.ceilDiv(model.heads(), gpus));
    this.kvHeadsPerDevice = model.kvHeadsPerDevice(gpus);
    this.qkvN = (headsPerDevice + 2 * kvHeadsPerDevice) * model.headDim();
    this.mlpWidth = AiModel.ceilDiv(model.moe() ? model.expertIntermediateSize()
        : model.intermediateSize(), gpus);
    this.vocabPerDevice = AiModel.ceilDiv(model.vocabSize(), gpus);
    this.mixedMeasured = kernels.answersMixed(KernelQuery.mixed(hardware, dtype, 1, 0, 1, 0,
        headsPerDevice, kvHeadsPerDevice, model.headDim()));
  }

  /**
   * True when iterations with both prefill chunks and decodes are costed with one
   * attention-mixed call (the tables measured such calls for this shape).
   */
  public boolean mixedAttention() {
    return mixedMeasured;
  }

  public AiModel model() {
    return model;
  }

  public String hardware() {
    return hw;
  }

  public int gpus() {
    return tp;
  }

  /** Seconds of one iteration over {@code b}. */
  public double seconds(Batch b) {
    return seconds(b, null);
  }

  /**
   * Seconds of one iteration over {@code b}; when {@code byLabel} is given (length
   * {@code Label.values().length}), adds the seconds of each provenance label into it.
   */
  public double seconds(Batch b, double[] byLabel) {
    if (b.isEmpty()) {
      return 0;
    }
    double t = 0;
    int o = cost(dense, b.tokens(), 0, Part.DENSE);
    t += dense.total(o);
    if (byLabel != null) {
      dense.addLabels(o, 1, byLabel);
    }
    o = cost(head, b.sequences(), 0, Part.HEAD);
    t += head.total(o);
    if (byLabel != null) {
      head.addLabels(o, 1, byLabel);
    }
    boolean mix = mixedMeasured && b.prefills() > 0 && b.decodes() > 0;
    for (int i = 0; i < b.prefills(); i++) {
      if (i == 0 && mix) {
        long ch = round(b.prefillTokens(0));
        long ca = round(b.prefillCached(0));
        long ctx = round(b.decodeMeanContext());
        long key = mixedKey(ch, ca, b.decodes(), ctx);
        if (key < 0) {  // more decodes than the key holds: not cached
          for (Step s : mixedPart(ch, ca, b.decodes(), ctx)) {
            t += s.seconds();
            if (byLabel != null) {
              byLabel[s.prediction().label().ordinal()] += s.seconds();
            }
          }
          continue;
        }
        o = mixed.find(key);
        if (o < 0) {
          o = store(mixed, key, mixedPart(ch, ca, b.decodes(), ctx));
        }
        t += mixed.total(o);
        if (byLabel != null) {
          mixed.addLabels(o, 1, byLabel);
        }
        continue;
      }
      o = cost(prefill, round(b.prefillTokens(i)), round(b.prefillCached(i)), Part.PREFILL);
      t += prefill.total(o);
      if (byLabel != null) {
        prefill.addLabels(o, 1, byLabel);
      }
    }
    if (b.decodes() > 0 && !mix) {
      o = cost(decode, b.decodes(), round(b.decodeMeanContext()), Part.DECODE);
      t += decode.total(o);
      if (byLabel != null) {
        decode.addLabels(o, 1, byLabel);
      }
    }
    return t;
  }

  /** The kernel calls of one iteration over {@code b}, with their predictions. */
  public List<Step> steps(Batch b) {
    List<Step> out = new ArrayList<>();
    if (b.isEmpty()) {
      return out;
    }
    out.addAll(part(Part.DENSE, b.tokens(), 0));
    boolean mix = mixedMeasured && b.prefills() > 0 && b.decodes() > 0;
    for (int i = 0; i < b.prefills(); i++) {
      if (i == 0 && mix) {
        out.addAll(mixedPart(round(b.prefillTokens(0)), round(b.prefillCached(0)),
            b.decodes(), round(b.decodeMeanContext())));
        continue;
      }
      out.addAll(part(Part.PREFILL, round(b.prefillTokens(i)), round(b.prefillCached(i))));
    }
    if (b.decodes() > 0 && !mix) {
      out.addAll(part(Part.DECODE, b.decodes(), round(b.decodeMeanContext())));
    }
    out.addAll(part(Part.HEAD, b.sequences(), 0));
    return out;
  }

  /** Seconds and label shares of one iteration over {@code b} (allocates; for reports). */
  public Timing timing(Batch b) {
    return Timing.of(steps(b));
  }

  /**
   * Seconds to serve one request alone: a prefill of {@code prompt} tokens in chunks of at
   * most {@code chunk}, then {@code output - 1} decode iterations (the prefill yields the
   * first token).
   */
  public double requestSeconds(int prompt, int output, int chunk) {
    Batch b = new Batch();
    double t = 0;
    for (int done = 0; done < prompt; done += chunk) {
      t += seconds(b.clear().prefill(Math.min(chunk, prompt - done), done));
    }
    for (int i = 1; i < output; i++) {
      t += seconds(b.clear().decode(prompt + i - 1));
    }
    return t;
  }

  private enum Part { DENSE, HEAD, PREFILL, DECODE }

  private int cost(CostCache cache, long a, long c, Part part) {
    long key = (a << 32) | c;
    int o = cache.find(key);
    if (o >= 0) {
      return o;
    }
    return store(cache, key, part(part, a, c));
  }

  private int store(CostCache cache, long key, List<Step> steps) {
    Arrays.fill(scratch, 0);
    for (Step s : steps) {
      scratch[0] += s.seconds();
      scratch[1 + s.prediction().label().ordinal()] += s.seconds();
    }
    return cache.put(key, scratch);
  }

  /** The attention-mixed call of a first prefill chunk and all decodes, per layer. */
  private List<Step> mixedPart(long chunk, long cached, long decodes, long context) {
    List<Step> out = new ArrayList<>(1);
    add(out, "attention_mixed", model.layers(), KernelQuery.mixed(hw, dtype, chunk, cached,
        decodes, context, headsPerDevice, kvHeadsPerDevice, model.headDim()));
    return out;
  }

  /**
   * Cache key of a mixed call from its rounded lengths (each as its index among the
   * values {@link #round} yields, under 2^14) and the exact decode count (under 2^20);
   * -1 when the count does not fit.
   */
  static long mixedKey(long chunk, long cached, long decodes, long context) {
    if (decodes >= 1 << 20) {
      return -1;
    }
    return code(chunk) << 48 | code(cached) << 34 | decodes << 14 | code(context);
  }

  /** Index of a value {@link #round} returns: itself up to 64, then 32 per octave. */
  static long code(long rounded) {
    if (rounded <= EXACT_BELOW) {
      return rounded;
    }
    int octave = 63 - Long.numberOfLeadingZeros(rounded);
    long k = rounded >>> (octave - Integer.numberOfTrailingZeros(STEPS_PER_OCTAVE));
    return EXACT_BELOW + 1 + (octave - 6L) * STEPS_PER_OCTAVE + (k - STEPS_PER_OCTAVE);
  }

  private List<Step> part(Part part, long a, long c) {
    List<Step> out = new ArrayList<>();
    int layers = model.layers();
    int hidden = model.hiddenSize();
    switch (part) {
      case DENSE -> {
        long t = a;
        add(out, "embedding", 1, KernelQuery.rows(hw, Op.EMBEDDING, dtype, t, hidden));
        add(out, "input_norm", layers, KernelQuery.rows(hw, Op.RMSNORM, dtype, t, hidden));
        add(out, "qkv_proj", layers, KernelQuery.gemm(hw, dtype, t, qkvN, hidden));
        add(out, "rope", layers, KernelQuery.rows(hw, Op.ROPE, dtype, t,
            (long) (headsPerDevice + kvHeadsPerDevice) * model.headDim()));
        // vLLM's reshape_and_cache: the chunk's new K and V rows copied into the paged cache,
        // read and written once (memory-bound; a copy row where a table measured one).
        add(out, "kv_cache_write", layers, KernelQuery.copy(hw, kvWriteBytes(t)));
        add(out, "o_proj", layers, KernelQuery.gemm(hw, dtype, t, hidden,
            (long) headsPerDevice * model.headDim()));
        if (tp > 1) {
          add(out, "attn_all_reduce", layers, KernelQuery.allReduce(hw,
              t * hidden * model.dtypeBytes(), tp));
        }
        add(out, "attn_residual", layers, KernelQuery.rows(hw, Op.ELEMENTWISE, dtype, t,
            hidden));
        add(out, "post_attn_norm", layers, KernelQuery.rows(hw, Op.RMSNORM, dtype, t,
            hidden));
        if (model.moe()) {
          add(out, "router", layers, KernelQuery.gemm(hw, dtype, t, model.experts(), hidden));
          add(out, "moe", layers, KernelQuery.moe(hw, dtype, t, t * model.expertsPerToken(),
              expertsTouched(t), hidden, mlpWidth));
        } else {
          int gated = model.gatedMlp() ? 2 : 1;
          add(out, "up_proj", layers, KernelQuery.gemm(hw, dtype, t, (long) gated * mlpWidth,
              hidden));
          add(out, "act", layers, KernelQuery.activation(hw, dtype, t, mlpWidth, gated));
          add(out, "down_proj", layers, KernelQuery.gemm(hw, dtype, t, hidden, mlpWidth));
        }
        if (tp > 1) {
          add(out, "mlp_all_reduce", layers, KernelQuery.allReduce(hw,
              t * hidden * model.dtypeBytes(), tp));
        }
        add(out, "mlp_residual", layers, KernelQuery.rows(hw, Op.ELEMENTWISE, dtype, t,
            hidden));
        add(out, "final_norm", 1, KernelQuery.rows(hw, Op.RMSNORM, dtype, t, hidden));
      }
      case HEAD -> {
        add(out, "lm_head", 1, KernelQuery.gemm(hw, dtype, a, vocabPerDevice, hidden));
        add(out, "sampler", 1, KernelQuery.rows(hw, Op.SAMPLER, dtype, a, model.vocabSize()));
      }
      case PREFILL -> add(out, "attention_prefill", layers, KernelQuery.prefill(hw, dtype, 1,
          a, c, headsPerDevice, kvHeadsPerDevice, model.headDim()));
      case DECODE -> add(out, "attention_decode", layers, KernelQuery.decode(hw, dtype, a, c,
          headsPerDevice, kvHeadsPerDevice, model.headDim()));
      default -> throw new IllegalStateException();
    }
    return out;
  }

  private void add(List<Step> out, String name, int repeat, KernelQuery q) {
    out.add(new Step(name, repeat, q, kernels.predict(q)));
  }

  /** Bytes of K and V that {@code tokens} new tokens add to one layer's cache, per device. */
  long kvWriteBytes(long tokens) {
    return tokens * 2L * kvHeadsPerDevice * model.headDim() * model.dtypeBytes();
  }

  /** Expected distinct experts that {@code tokens} tokens route to (uniform routing). */
  private long expertsTouched(long tokens) {
    double e = model.experts();
    double miss = Math.pow(1 - model.expertsPerToken() / e, tokens);
    return Math.max(model.expertsPerToken(), Math.min(model.experts(),
        (long) Math.ceil(e * (1 - miss))));
  }

  /** Lengths above 64 rounded up to 32 steps per octave (never shorter). */
  static long round(long x) {
    if (x <= EXACT_BELOW) {
      return x;
    }
    int octave = 63 - Long.numberOfLeadingZeros(x);
    long step = 1L << (octave - Integer.numberOfTrailingZeros(STEPS_PER_OCTAVE));
    return (x + step - 1) / step * step;
  }

  /** Number of distinct shapes cached so far (for tests and diagnostics). */
  public int cachedShapes() {
    return dense.size() + head.size() + prefill.size() + decode.size() + mixed.size();
  }
}
