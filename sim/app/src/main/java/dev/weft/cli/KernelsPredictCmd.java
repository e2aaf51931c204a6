package dev.weft.cli;

import dev.weft.ai.AiModel;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Op;
import dev.weft.hardware.Prediction;
import dev.weft.kernels.BatchPredictor;
import dev.weft.kernels.Kernels;
import dev.weft.kernels.Num;
import dev.weft.yaml.Suggest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft kernels predict}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predicted time of one kernel, in seconds, and where it came from "
        + "(measured, interpolated, calibrated-roofline, spec-roofline).",
        "With --batch IN.csv (header hardware,op,m,n,k,dtype plus optional kernel-table "
            + "shape columns): the same rows with two more columns, seconds,source."})
final class KernelsPredictCmd extends KernelsSubcommand {
  @Option(names = "--hardware", paramLabel = "ID", description = "Hardware id.")
  String hardware;
  @Option(names = "--op", paramLabel = "OP", description = "Kernel op as in the tables: gemm, "
      + "attention-prefill, attention-decode, elementwise, softmax, rmsnorm, copy, all-reduce, "
      + "send-recv, ...")
  String op;
  @Option(names = "--m") Long m;
  @Option(names = "--n") Long n;
  @Option(names = "--k") Long k;
  @Option(names = "--tokens", description = "New tokens per sequence (attention).")
  Long tokens;
  @Option(names = "--context", description = "Cached tokens per sequence (attention).")
  Long context;
  @Option(names = "--seqs", description = "Sequences in the call (attention; default 1).")
  Long seqs;
  @Option(names = "--heads") Long heads;
  @Option(names = "--kv-heads") Long kvHeads;
  @Option(names = "--head-dim") Long headDim;
  @Option(names = "--model", paramLabel = "ID",
      description = "Take attention heads from this models/ai id.")
  String aiModel;
  @Option(names = "--bytes") Long bytes;
  @Option(names = "--workers") Long workers;
  @Option(names = "--dtype", description = "bf16 (default), fp16, fp32, fp64.")
  String dtype;
  @Option(names = "--batch", paramLabel = "IN.csv", description = "Predict every row of a "
      + "CSV file.")
  Path batch;
  @Option(names = "--provenance", description = "With --batch: add a provenance column.")
  boolean provenance;

  @Override
  int run(PrintWriter out, PrintWriter err) throws Exception {
    Kernels kernels = Kernels.load(models.resolve());
    if (batch != null) {
      out.print(BatchPredictor.predict(kernels, batch, provenance));
      out.flush();
      return Main.OK;
    }
    KernelQuery q = single(kernels);
    Prediction p = kernels.model().predict(q);
    out.println(Num.g6(p.seconds()) + " s " + p.label().id() + " (" + p.source() + ")");
    return Main.OK;
  }

  @Override
  boolean argumentsAreInput() {
    return true; // options are checked by throwing IllegalArgumentException
  }

  private KernelQuery single(Kernels kernels) {
    if (hardware == null || op == null) {
      throw new IllegalArgumentException("--hardware and --op are required (or --batch)");
    }
    Op o = parseOp(op);
    knownHardware(kernels, hardware);
    Dtype d = dtype == null ? Dtype.BF16 : Dtype.byId(dtype);
    if (d == null) {
      throw new IllegalArgumentException("unknown dtype '" + dtype + "'; known: "
          + Dtype.known());
    }
    int[] attn = attention(kernels, aiModel, heads, kvHeads, headDim);
    if (attnOp(o) && aiModel == null && heads == null) {
      spec.commandLine().getErr().println("weft: note: attention shape of llama-3-8b (32 "
          + "heads, 8 KV heads of 128); --model ID or --heads/--kv-heads/--head-dim to "
          + "change");
    }
    long none = KernelQuery.NONE;
    KernelQuery q = new KernelQuery(hardware, o, o == Op.COPY || o.collective() ? null : d,
        v(m), v(n), v(k), attnOp(o) ? (seqs == null ? 1 : seqs) : none,
        o == Op.ATTENTION_DECODE && tokens == null ? 1 : v(tokens),
        attnOp(o) && context == null ? 0 : v(context), attnOp(o) ? attn[0] : none,
        attnOp(o) ? attn[1] : none, attnOp(o) ? attn[2] : none, v(bytes),
        o == Op.SEND_RECV ? 2 : v(workers));
    String problem = q.problem();
    if (problem != null) {
      throw new IllegalArgumentException(o.id() + ": " + problem);
    }
    return q;
  }

  private static boolean attnOp(Op o) {
    return o != null && o.attention();
  }

  private static long v(Long x) {
    return x == null ? KernelQuery.NONE : x;
  }

  private static Op parseOp(String id) {
    Op o = Op.byId(id);
    if (o == null) {
      throw new IllegalArgumentException("unknown op '" + id + "'" + Suggest.didYouMean(id,
          Arrays.stream(Op.values()).map(Op::id).toList()) + "; known: " + Op.known());
    }
    return o;
  }

  private static void knownHardware(Kernels kernels, String id) {
    if (!kernels.hardware().containsKey(id)) {
      throw new IllegalArgumentException("unknown hardware '" + id + "'" + Suggest.didYouMean(
          id, kernels.hardware().keySet()) + "; known: " + String.join(", ",
          kernels.hardware().keySet()));
    }
  }

  /** Heads, KV heads and head size from the options, a model, or Llama-3-8B's. */
  private static int[] attention(Kernels kernels, String model, Long heads, Long kv, Long dim) {
    int[] a = BatchPredictor.defaultAttention();
    if (model != null) {
      AiModel m = kernels.aiModel(model);
      a = new int[] {m.heads(), m.kvHeads(), m.headDim()};
    }
    if (heads != null) {
      a[0] = Math.toIntExact(heads);
      a[1] = kv == null ? a[0] : a[1];
    }
    if (kv != null) {
      a[1] = Math.toIntExact(kv);
    }
    if (dim != null) {
      a[2] = Math.toIntExact(dim);
    }
    return a;
  }
}
