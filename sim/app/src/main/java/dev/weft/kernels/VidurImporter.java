package dev.weft.kernels;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Op;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Imports Vidur's published profiles (microsoft/vidur, data/profiling): times in
 * milliseconds, fp16, CUDA-event timed.
 *
 * <p>{@code compute/<gpu>/<org>/<model>/mlp.csv}: per (num_tokens T, tensor-parallel
 * workers P) the four projections become GEMMs with the shapes of shared/data/README.md
 * (QKV: m=T, n=(heads + 2 kv_heads) d / P, k=n_embd; output: m=T, n=n_embd, k=heads d / P;
 * up: m=T, n=(2 if gated else 1) n_expanded / P, k=n_embd; down: m=T, n=n_embd,
 * k=n_expanded / P), and the small kernels become rmsnorm (input and post-attention norms,
 * T x n_embd), rope (T x (heads + kv_heads) d / P), activation (T x n_expanded / P),
 * embedding and elementwise add (T x n_embd). Vidur profiles many models with shared shapes:
 * one row per shape is kept ({@link RowMerger}).
 *
 * <p>{@code network/<node>/{all_reduce,send_recv}.csv}: collectives within one server
 * (workers no more than devices_per_node; cross-node rows are skipped), bytes = size. Node
 * folders map to the catalog: {@code a100_dgx} to a100-80gb, {@code h100_dgx} to h100-sxm,
 * {@code a40_pairwise_nvlink} to a40. The a100 and h100 pairwise-NVLink folders describe
 * bridged PCIe cards, not the SXM parts of the catalog, and are skipped.
 */
public final class VidurImporter {
  /** Vidur GPU folder names to catalog ids. */
  public static final Map<String, String> GPUS = java.util.Collections.unmodifiableMap(
      new java.util.TreeMap<>(Map.of("a100", "a100-80gb", "h100", "h100-sxm", "a40", "a40")));
  /** Vidur network folder names to catalog ids. */
  public static final Map<String, String> NODES = java.util.Collections.unmodifiableMap(
      new java.util.TreeMap<>(Map.of("a100_dgx", "a100-80gb", "h100_dgx", "h100-sxm",
          "a40_pairwise_nvlink", "a40")));
  private static final String[] NORMS = {"input_layernorm", "post_attention_layernorm"};
  private static final List<String> SHAPE_COLUMNS = List.of("n_head", "n_kv_head", "n_embd",
      "n_expanded_embd", "use_gated_mlp", "num_tokens", "num_tensor_parallel_workers");

  private VidurImporter() {}

  /** Imports {@code dir} (Vidur's profiling folder, holding compute/ and/or network/). */
  public static ImportResult read(Path dir) throws InputException {
    return read(dir, p -> true);
  }

  /**
   * Imports the compute tables whose model folder passes {@code keepModel} (held-out
   * evaluation leaves one out), and the network tables.
   */
  public static ImportResult read(Path dir, Predicate<String> keepModel)
      throws InputException {
    return read(dir, keepModel, true);
  }

  /** As {@link #read(Path, Predicate)}, with or without the network tables. */
  public static ImportResult read(Path dir, Predicate<String> keepModel, boolean network)
      throws InputException {
    if (!Files.isDirectory(dir.resolve("compute")) && !Files.isDirectory(dir.resolve("network"))) {
      throw new InputException(new Location(dir.toString(), 1, 1), "not a Vidur profiling "
          + "folder: expected compute/ or network/ inside");
    }
    String origin = Provenance.of(dir, "microsoft/vidur");
    List<String> notes = new ArrayList<>();
    List<InputError> errors = new ArrayList<>();
    Map<String, RowMerger> merged = new TreeMap<>();
    for (Path f : files(dir.resolve("compute"), "mlp.csv")) {
      Path rel = dir.resolve("compute").relativize(f);
      String gpu = rel.getName(0).toString();
      String hw = GPUS.get(gpu);
      if (hw == null) {
        notes.add("skipped compute/" + rel + ": no catalog id for Vidur GPU '" + gpu + "'");
        continue;
      }
      if (rel.getNameCount() != 4 || !keepModel.test(rel.getName(2).toString())) {
        continue;
      }
      RowMerger m = merged.computeIfAbsent(hw, h -> new RowMerger());
      try {
        compute(f, dir.relativize(f).toString(), hw, origin + " " + gpu, m, errors);
      } catch (InputException e) {
        errors.addAll(e.errors());
      }
    }
    for (String kind : network ? List.of("all_reduce", "send_recv") : List.<String>of()) {
      for (Path f : files(dir.resolve("network"), kind + ".csv")) {
        String node = f.getParent().getFileName().toString();
        String hw = NODES.get(node);
        if (hw == null) {
          notes.add("skipped network/" + node + "/" + kind + ".csv: "
              + (node.endsWith("pairwise_nvlink") ? "NVLink-bridged PCIe pairs, not the "
              + "catalog's SXM part" : "no catalog id for this node"));
          continue;
        }
        RowMerger m = merged.computeIfAbsent(hw, h -> new RowMerger());
        try {
          network(f, dir.relativize(f).toString(), hw, kind, origin + " network/" + node, m,
              errors, notes);
        } catch (InputException e) {
          errors.addAll(e.errors());
        }
      }
    }
    return ImportResult.of(merged, notes, errors);
  }

  private static void compute(Path f, String shown, String hw, String origin, RowMerger out,
      List<InputError> errors) throws InputException {
    List<String> need = new ArrayList<>(SHAPE_COLUMNS);
    for (String op : List.of("attn_pre_proj", "attn_post_proj", "mlp_up_proj",
        "mlp_down_proj")) {
      need.add("time_stats." + op + ".median");
    }
    SourceCsv c = SourceCsv.open(f, shown, need);
    Dtype fp16 = Dtype.FP16;
    for (int i = 0; i < c.rowCount(); i++) {
      if (!c.row(i)) {
        continue;
      }
      int before = c.errors.size();
      long t = c.whole("num_tokens", 1);
      long p = c.whole("num_tensor_parallel_workers", 1);
      long heads = c.whole("n_head", 1);
      long kv = c.whole("n_kv_head", 1);
      long embd = c.whole("n_embd", 1);
      long expanded = c.whole("n_expanded_embd", 1);
      String g = c.text("use_gated_mlp");
      if (!g.equals("True") && !g.equals("False")) {
        c.error("use_gated_mlp", "expected True or False, found '" + g + "'");
      }
      if (c.errors.size() > before) {
        continue;
      }
      if (embd % heads != 0) {
        c.error("n_embd", "n_embd " + embd + " is not a multiple of n_head " + heads);
        continue;
      }
      long d = embd / heads;
      long gated = g.equals("True") ? 2 : 1;
      if ((heads + 2 * kv) * d % p != 0 || expanded % p != 0 || heads * d % p != 0) {
        c.error("num_tensor_parallel_workers", "shapes do not split evenly over " + p
            + " workers");
        continue;
      }
      gemm(c, out, origin, "attn_pre_proj", KernelQuery.gemm(hw, fp16, t, (heads + 2 * kv) * d / p,
          embd));
      gemm(c, out, origin, "attn_post_proj", KernelQuery.gemm(hw, fp16, t, embd, heads * d / p));
      gemm(c, out, origin, "mlp_up_proj", KernelQuery.gemm(hw, fp16, t, gated * expanded / p, embd));
      gemm(c, out, origin, "mlp_down_proj", KernelQuery.gemm(hw, fp16, t, embd, expanded / p));
      for (String norm : NORMS) {
        small(c, out, origin, norm, KernelQuery.rows(hw, Op.RMSNORM, fp16, t, embd));
      }
      small(c, out, origin, "attn_rope", KernelQuery.rows(hw, Op.ROPE, fp16, t, (heads + kv) * d / p));
      small(c, out, origin, "mlp_act", KernelQuery.activation(hw, fp16, t, expanded / p, (int) gated));
      small(c, out, origin, "emb", KernelQuery.rows(hw, Op.EMBEDDING, fp16, t, embd));
      small(c, out, origin, "add", KernelQuery.rows(hw, Op.ELEMENTWISE, fp16, t, embd));
    }
    errors.addAll(c.errors);
  }

  private static void gemm(SourceCsv c, RowMerger out, String origin, String op,
      KernelQuery q) {
    double ms = c.time("time_stats." + op + ".median");
    if (!Double.isNaN(ms)) {
      out.add(q, ms / 1e3, origin, op, 1);
    }
  }

  /** The small kernels are optional columns: imported when present. */
  private static void small(SourceCsv c, RowMerger out, String origin, String op,
      KernelQuery q) {
    if (c.columns.containsKey("time_stats." + op + ".median")) {
      gemm(c, out, origin, op, q);
    }
  }

  private static void network(Path f, String shown, String hw, String kind, String origin,
      RowMerger out, List<InputError> errors, List<String> notes) throws InputException {
    String col = "time_stats." + kind + ".median";
    SourceCsv c = SourceCsv.open(f, shown, List.of("size", "num_workers", "devices_per_node",
        col));
    int crossNode = 0;
    for (int i = 0; i < c.rowCount(); i++) {
      if (!c.row(i)) {
        continue;
      }
      long bytes = c.whole("size", 1);
      long workers = c.whole("num_workers", 2);
      long perNode = c.whole("devices_per_node", 1);
      double ms = c.time(col);
      if (bytes < 0 || workers < 0 || perNode < 0 || Double.isNaN(ms)) {
        continue;
      }
      if (workers > perNode) {
        crossNode++;
        continue;
      }
      KernelQuery q = kind.equals("all_reduce") ? KernelQuery.allReduce(hw, bytes, workers)
          : KernelQuery.sendRecv(hw, bytes);
      out.add(q, ms / 1e3, origin, kind, 1);
    }
    if (crossNode > 0) {
      notes.add("skipped " + crossNode + " cross-node rows of " + shown + " (only collectives "
          + "within one server are kernel-table rows)");
    }
    errors.addAll(c.errors);
  }

  /** The model folders (org/model) of one GPU's compute tables, sorted. */
  public static List<String> models(Path dir, String gpu) throws InputException {
    Path root = dir.resolve("compute").resolve(gpu);
    return files(root, "mlp.csv").stream().map(f -> f.getParent().getFileName().toString())
        .sorted().toList();
  }

  static List<Path> files(Path root, String name) throws InputException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new InputException(new Location(root.toString(), 1, 1), "cannot list: "
          + e.getMessage());
    }
  }
}
