package dev.weft.hardware;

import java.util.Objects;

/**
 * The shape of one kernel call on one hardware: the key columns of a kernel table row.
 * Columns an op does not use are {@link #NONE}; {@code context = 0} is a real value.
 * Records compare by value, so a query is its own memo key.
 */
public record KernelQuery(String hardware, Op op, Dtype dtype, long m, long n, long k,
    long batch, long tokens, long context, long heads, long kvHeads, long headDim, long bytes,
    long workers) {

  /** An unused column (written empty in tables). */
  public static final long NONE = -1;

  public KernelQuery {
    Objects.requireNonNull(hardware, "hardware");
    Objects.requireNonNull(op, "op");
  }

  /** C[m x n] = A[m x k] . W^T with W stored n x k. */
  public static KernelQuery gemm(String hw, Dtype dtype, long m, long n, long k) {
    return new KernelQuery(hw, Op.GEMM, dtype, m, n, k, NONE, NONE, NONE, NONE, NONE, NONE,
        NONE, NONE);
  }

  /** Causal attention of {@code tokens} new tokens over {@code context} cached ones. */
  public static KernelQuery prefill(String hw, Dtype dtype, long batch, long tokens,
      long context, long heads, long kvHeads, long headDim) {
    return new KernelQuery(hw, Op.ATTENTION_PREFILL, dtype, NONE, NONE, NONE, batch, tokens,
        context, heads, kvHeads, headDim, NONE, NONE);
  }

  /** One query token per sequence over {@code context} cached tokens. */
  public static KernelQuery decode(String hw, Dtype dtype, long batch, long context,
      long heads, long kvHeads, long headDim) {
    return new KernelQuery(hw, Op.ATTENTION_DECODE, dtype, NONE, NONE, NONE, batch, 1, context,
        heads, kvHeads, headDim, NONE, NONE);
  }

  /**
   * One attention call serving a prefill chunk of {@code chunk} new tokens over
   * {@code kvPrefill} cached ones and {@code decodes} decode sequences of {@code kvDecode}
   * cached tokens each (vLLM's mixed batches). Columns: tokens = chunk, context = kvPrefill,
   * batch = decodes, m = kvDecode (FORMAT.md).
   */
  public static KernelQuery mixed(String hw, Dtype dtype, long chunk, long kvPrefill,
      long decodes, long kvDecode, long heads, long kvHeads, long headDim) {
    return new KernelQuery(hw, Op.ATTENTION_MIXED, dtype, kvDecode, NONE, NONE, decodes, chunk,
        kvPrefill, heads, kvHeads, headDim, NONE, NONE);
  }

  /** The prefill chunk of an attention-mixed call as an attention-prefill call of its own. */
  public KernelQuery prefillPart() {
    return prefill(hardware, dtype, 1, tokens, context, heads, kvHeads, headDim);
  }

  /** The decode sequences of an attention-mixed call as one attention-decode call. */
  public KernelQuery decodePart() {
    return decode(hardware, dtype, batch, m, heads, kvHeads, headDim);
  }

  /**
   * A memory-bound op over an m x n tensor ({@code elementwise}, {@code rope}, {@code softmax},
   * {@code rmsnorm}, {@code embedding}, {@code sampler}); bytes follow from the shape.
   */
  public static KernelQuery rows(String hw, Op op, Dtype dtype, long m, long n) {
    return new KernelQuery(hw, op, dtype, m, n, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
        NONE).withDerivedBytes();
  }

  /** SiLU(gate) * up ({@code inputs} = 2) or a plain activation ({@code inputs} = 1). */
  public static KernelQuery activation(String hw, Dtype dtype, long m, long n, int inputs) {
    return new KernelQuery(hw, Op.ACTIVATION, dtype, m, n, inputs, NONE, NONE, NONE, NONE, NONE,
        NONE, NONE, NONE).withDerivedBytes();
  }

  /** Device-to-device copy of a buffer of {@code bytes} bytes. */
  public static KernelQuery copy(String hw, long bytes) {
    return new KernelQuery(hw, Op.COPY, null, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
        NONE, bytes, NONE);
  }

  /** All-reduce of a {@code bytes}-byte buffer held by each of {@code workers} devices. */
  public static KernelQuery allReduce(String hw, long bytes, long workers) {
    return new KernelQuery(hw, Op.ALL_REDUCE, null, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
        NONE, NONE, bytes, workers);
  }

  /** Point-to-point transfer of {@code bytes} bytes between two devices. */
  public static KernelQuery sendRecv(String hw, long bytes) {
    return new KernelQuery(hw, Op.SEND_RECV, null, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
        NONE, NONE, bytes, 2);
  }

  /**
   * Mixture-of-experts layer: {@code tokens} tokens, {@code assignments} = tokens x top-k
   * token-expert pairs, {@code experts} distinct experts touched, hidden {@code n}, expert
   * width {@code k}.
   */
  public static KernelQuery moe(String hw, Dtype dtype, long tokens, long assignments,
      long experts, long n, long k) {
    return new KernelQuery(hw, Op.MOE, dtype, assignments, n, k, experts, tokens, NONE, NONE,
        NONE, NONE, NONE, NONE);
  }

  /**
   * What is wrong with this shape for its op (a required column missing or out of range),
   * or null when nothing is.
   */
  public String problem() {
    switch (op) {
      case GEMM:
        return need("m", m, 1, "n", n, 1, "k", k, 1);
      case ATTENTION_PREFILL:
      case ATTENTION_DECODE: {
        String p = need("batch", batch, 1, "tokens", tokens, 1, "context", context, 0);
        p = p != null ? p : need("heads", heads, 1, "kv_heads", kvHeads, 1, "head_dim",
            headDim, 1);
        if (p == null && heads % kvHeads != 0) {
          p = "heads (" + heads + ") must be a multiple of kv_heads (" + kvHeads + ")";
        }
        return p;
      }
      case ATTENTION_MIXED: {
        String p = need("tokens", tokens, 1, "context", context, 0, "batch", batch, 1);
        p = p != null ? p : need("m (kv_decode)", m, 0, "heads", heads, 1, "kv_heads",
            kvHeads, 1);
        p = p != null ? p : need("head_dim", headDim, 1, "head_dim", headDim, 1, "head_dim",
            headDim, 1);
        if (p == null && heads % kvHeads != 0) {
          p = "heads (" + heads + ") must be a multiple of kv_heads (" + kvHeads + ")";
        }
        return p;
      }
      case ACTIVATION:
        return k != NONE && k != 1 && k != 2 ? "k of activation is the number of inputs, 1 or 2"
            : need("m", m, 1, "n", n, 1, "n", n, 1);
      case ELEMENTWISE:
      case ROPE:
      case SOFTMAX:
      case RMSNORM:
      case EMBEDDING:
      case SAMPLER:
        return need("m", m, 1, "n", n, 1, "n", n, 1);
      case COPY:
      case SEND_RECV:
        return need("bytes", bytes, 1, "bytes", bytes, 1, "bytes", bytes, 1);
      case ALL_REDUCE:
        return need("bytes", bytes, 1, "workers", workers, 1, "workers", workers, 1);
      case MOE: {
        String p = need("m", m, 1, "n", n, 1, "k", k, 1);
        return p != null ? p : need("tokens", tokens, 1, "batch", batch, 1, "batch", batch, 1);
      }
      default:
        return null;
    }
  }

  private static String need(String a, long va, long mina, String b, long vb, long minb,
      String c, long vc, long minc) {
    if (va < mina) {
      return va == NONE ? a + " is required" : a + " must be at least " + mina;
    }
    if (vb < minb) {
      return vb == NONE ? b + " is required" : b + " must be at least " + minb;
    }
    if (vc < minc) {
      return vc == NONE ? c + " is required" : c + " must be at least " + minc;
    }
    return null;
  }

  /** This query with another element type (same shape). */
  public KernelQuery withDtype(Dtype d) {
    return new KernelQuery(hardware, op, d, m, n, k, batch, tokens, context, heads, kvHeads,
        headDim, bytes, workers);
  }

  public KernelQuery withHardware(String hw) {
    return new KernelQuery(hw, op, dtype, m, n, k, batch, tokens, context, heads, kvHeads,
        headDim, bytes, workers);
  }

  /** The value of the interpolation axis of this op. */
  public long axisValue() {
    return switch (op.axis()) {
      case M -> m;
      case TOKENS -> tokens;
      case CONTEXT -> context;
      case BYTES -> bytes;
    };
  }

  /** This query with the axis column (and what follows from it) set to {@code value}. */
  public KernelQuery withAxis(long value) {
    return switch (op.axis()) {
      case M -> new KernelQuery(hardware, op, dtype, value, n, k, batch, tokens, context, heads,
          kvHeads, headDim, op.bytesDerived() ? NONE : bytes, workers).withDerivedBytes();
      case TOKENS -> new KernelQuery(hardware, op, dtype, op == Op.MOE && tokens > 0
          ? Math.round((double) m * value / tokens) : m, n, k, batch, value, context, heads,
          kvHeads, headDim, bytes, workers);
      case CONTEXT -> new KernelQuery(hardware, op, dtype, m, n, k, batch, tokens, value, heads,
          kvHeads, headDim, bytes, workers);
      case BYTES -> new KernelQuery(hardware, op, dtype, m, n, k, batch, tokens, context, heads,
          kvHeads, headDim, value, workers);
    };
  }

  /**
   * The query without its axis value and the columns derived from it: all rows of one
   * series (one line of a table that is interpolated along the axis) share this key.
   */
  public KernelQuery seriesKey() {
    long mm = op.axis() == Op.Axis.M || op == Op.MOE ? NONE : m;
    long tt = op.axis() == Op.Axis.TOKENS ? NONE : tokens;
    long cc = op.axis() == Op.Axis.CONTEXT ? NONE : context;
    long bb = op.axis() == Op.Axis.BYTES || op.bytesDerived() ? NONE : bytes;
    return new KernelQuery(hardware, op, dtype, mm, n, k, batch, tt, cc, heads, kvHeads,
        headDim, bb, workers);
  }

  /**
   * The key tables index rows by: {@code bytes} of m x n memory ops is left out because it
   * follows from the shape (and the measured softmax rows count it differently from
   * FORMAT.md, see there).
   */
  public KernelQuery lookupKey() {
    return op.bytesDerived() && bytes != NONE ? new KernelQuery(hardware, op, dtype, m, n, k,
        batch, tokens, context, heads, kvHeads, headDim, NONE, workers) : this;
  }

  /** Fills {@code bytes} of an m x n memory op from its shape when it is missing. */
  public KernelQuery withDerivedBytes() {
    if (!op.bytesDerived() || bytes != NONE || m < 0 || n < 0) {
      return this;
    }
    return new KernelQuery(hardware, op, dtype, m, n, k, batch, tokens, context, heads, kvHeads,
        headDim, derivedBytes(), workers);
  }

  private long derivedBytes() {
    long e = elementBytes();
    return switch (op) {
      case ELEMENTWISE -> 3 * m * n * e;
      case ACTIVATION -> ((k > 0 ? k : 2) + 1) * m * n * e;
      case ROPE, EMBEDDING -> 2 * m * n * e;
      case SOFTMAX, RMSNORM -> (2 * m * n + n) * e;
      case SAMPLER -> 3 * m * n * 4;  // fp32 logits: read, write probabilities, read to sample
      default -> NONE;
    };
  }

  private long elementBytes() {
    return dtype == null ? 2 : dtype.bytes();
  }

  /** Floating-point operations of one call (0 for pure data movement). */
  public double flops() {
    double e = 0;
    switch (op) {
      case GEMM:
        return 2.0 * m * n * k;
      case ATTENTION_PREFILL: {
        double pairs = (double) tokens * context + tokens * (tokens + 1.0) / 2;
        return 4.0 * batch * heads * headDim * pairs;
      }
      case ATTENTION_DECODE:
        return 4.0 * batch * heads * headDim * (double) tokens * context;
      case ATTENTION_MIXED:
        return prefillPart().flops() + decodePart().flops();
      case MOE:
        return 6.0 * m * n * k;  // gate, up and down projections per token-expert pair
      case ELEMENTWISE:
        e = 1;
        break;
      case ACTIVATION:
        e = 8;  // exp, divide and multiplies of SiLU / GELU per output
        break;
      case ROPE:
        e = 3;
        break;
      case SOFTMAX:
        e = 5;
        break;
      case RMSNORM:
        e = 4;
        break;
      case SAMPLER:
        e = 6;
        break;
      default:
        return 0;
    }
    return e * Math.max(m, 0) * Math.max(n, 0);
  }

  /** Bytes moved to and from memory by one call (for collectives: bytes on the link). */
  public double memoryBytes() {
    double e = elementBytes();
    switch (op) {
      case GEMM:
        return ((double) m * k + (double) n * k + (double) m * n) * e;
      case ATTENTION_PREFILL:
      case ATTENTION_DECODE:
        return (2.0 * batch * heads * tokens * headDim
            + 2.0 * batch * kvHeads * (tokens + context) * headDim) * e;
      case ATTENTION_MIXED:
        return prefillPart().memoryBytes() + decodePart().memoryBytes();
      case MOE:
        return (3.0 * batch * n * k + 2.0 * tokens * n) * e;
      case COPY:
        return 2.0 * bytes;
      case ALL_REDUCE:
        return workers <= 1 ? 0 : 2.0 * (workers - 1) / workers * bytes;
      case SEND_RECV:
        return bytes;
      default:
        return Math.max(0, bytes != NONE ? bytes : withDerivedBytes().bytes);
    }
  }
}
