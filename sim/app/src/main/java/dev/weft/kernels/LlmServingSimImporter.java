package dev.weft.kernels;

import dev.weft.ai.AiModel;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Op;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.YNode;
import dev.weft.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Imports LLMServingSim's published layer profiles (casys-kaist/LLMServingSim, vLLM, eager
 * mode): times in microseconds.
 *
 * <p>Each {@code <HW>/<org>/<model>/<variant>/meta.yaml} says what was profiled. Its
 * {@code hf_overrides} are the shapes actually run, which differ from the public model (the
 * RTX PRO 6000 Llama-3.1-8B profile overrode a tensor-parallel-2 shard: 16 heads, 4 KV heads,
 * intermediate 7168, vocabulary 64128); what they leave out (hidden size, head size, expert
 * width) comes from the catalog model whose {@code source} names the same Hugging Face repo.
 * A {@code tp<N>} folder holds the per-device shard, so its shapes are divided by N.
 *
 * <ul>
 *   <li>{@code dense.csv}: qkv_proj, o_proj, gate_up_proj, down_proj as GEMMs (m = tokens);
 *       layernorm and final_layernorm as rmsnorm (tokens x hidden), qk_norm as rmsnorm over
 *       head vectors (tokens (heads + kv_heads) x head_dim), rotary_emb as rope, act_fn as
 *       activation, embedding.</li>
 *   <li>{@code attention.csv}: pure prefill rows (no decode sequences) as attention-prefill
 *       (batch 1, tokens = chunk, context = kv_prefill); pure decode rows as attention-decode
 *       (batch = n_decode, context = kv_decode); mixed rows (a prefill chunk and decode
 *       sequences in one call) as attention-mixed (tokens = chunk, context = kv_prefill,
 *       batch = n_decode, m = kv_decode). They are not a prefill row plus a decode row: the
 *       measured prefill and decode rows of the same shapes sum to 18-40 % less than the
 *       mixed call at the median (VALIDATION.md section 7). Heads, KV heads and head size
 *       of all three come from the profile's shapes. A row with neither a prefill chunk nor
 *       decode sequences is an error.</li>
 *   <li>{@code per_sequence.csv}: lm_head as a GEMM (m = sequences, n = vocabulary,
 *       k = hidden), sampler as sampler (sequences x vocabulary).</li>
 *   <li>{@code moe.csv}: moe (tokens, token-expert pairs = tokens x top-k, experts touched,
 *       hidden, expert width).</li>
 * </ul>
 */
public final class LlmServingSimImporter {
  /** LLMServingSim hardware names to catalog ids. */
  public static final Map<String, String> HARDWARE = java.util.Collections.unmodifiableMap(
      new java.util.TreeMap<>(Map.of("RTX4090", "rtx-4090", "RTXPRO6000", "rtx-pro-6000")));

  private LlmServingSimImporter() {}

  /** The shapes one profile ran, per device of its tensor-parallel group. */
  record Shapes(long hidden, long heads, long kvHeads, long headDim, long intermediate,
      long vocab, boolean gated, long experts, long topK, long expertWidth) {}

  /** Imports every profile under {@code dir}; {@code models} resolves the profiled models. */
  public static ImportResult read(Path dir, Map<String, AiModel> models) throws InputException {
    List<Path> metas;
    try (Stream<Path> s = Files.walk(dir)) {
      metas = s.filter(p -> p.getFileName().toString().equals("meta.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new InputException(new Location(dir.toString(), 1, 1), "cannot read folder: "
          + e.getMessage());
    }
    if (metas.isEmpty()) {
      throw new InputException(new Location(dir.toString(), 1, 1), "not an LLMServingSim "
          + "profile folder: no <hardware>/<org>/<model>/<variant>/meta.yaml inside");
    }
    String repo = Provenance.of(dir, "casys-kaist/LLMServingSim");
    List<InputError> errors = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, RowMerger> merged = new TreeMap<>();
    for (Path meta : metas) {
      try {
        profile(dir, meta, repo, models, merged, notes, errors);
      } catch (InputException e) {
        errors.addAll(e.errors());
      }
    }
    return ImportResult.of(merged, notes, errors);
  }

  private static void profile(Path root, Path meta, String repo, Map<String, AiModel> models,
      Map<String, RowMerger> merged, List<String> notes, List<InputError> errors)
      throws InputException {
    String shown = root.relativize(meta).toString();
    YNode.Mapping m = (YNode.Mapping) asMap(YamlReader.readFile(meta, shown), shown);
    String hwName = text(m, "hardware", shown);
    String hw = HARDWARE.get(hwName);
    if (hw == null) {
      throw new InputException(m.get("hardware").where(), "no catalog id for LLMServingSim "
          + "hardware '" + hwName + "'; known: " + String.join(", ", HARDWARE.keySet()));
    }
    String modelName = text(m, "model", shown);
    AiModel base = models.values().stream().filter(a -> names(a.source(), modelName))
        .findFirst().orElseThrow(() -> new InputException(m.get("model").where(), "no "
        + "models/ai/ file whose source names '" + modelName + "': add one with its "
        + "config.json shapes"));
    String variant = text(m, "variant", shown);
    Dtype dtype = Dtype.byId(variant);
    if (dtype == null) {
      throw new InputException(m.get("variant").where(), "unknown dtype variant '" + variant
          + "'");
    }
    YNode eng = m.get("engine_effective");
    YNode.Mapping over = eng instanceof YNode.Mapping e && e.get("hf_overrides")
        instanceof YNode.Mapping o ? o : null;
    long samples = m.get("measurement_iterations") instanceof YNode.Scalar s
        && s.text() != null && s.text().matches("\\d+") ? Long.parseLong(s.text()) : 1;
    String vllm = m.get("vllm_version") instanceof YNode.Scalar s ? s.text() : "?";
    Path variantDir = meta.getParent();
    List<Path> tps;
    try (Stream<Path> s = Files.list(variantDir)) {
      tps = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("tp\\d+"))
          .sorted().toList();
    } catch (IOException e) {
      throw new InputException(new Location(shown, 1, 1), "cannot list: " + e.getMessage());
    }
    for (Path tpDir : tps) {
      int tp = Integer.parseInt(tpDir.getFileName().toString().substring(2));
      Shapes sh = shapes(base, over, tp, shown);
      String origin = repo + " vllm-" + vllm + " " + hwName + " "
          + modelName.substring(modelName.indexOf('/') + 1) + " tp" + tp;
      RowMerger out = merged.computeIfAbsent(hw, k -> new RowMerger());
      String rel = root.relativize(tpDir).toString();
      if (Files.exists(tpDir.resolve("dense.csv"))) {
        dense(tpDir.resolve("dense.csv"), rel + "/dense.csv", hw, dtype, sh, samples,
            new Sink(out, origin), errors, notes);
      }
      if (Files.exists(tpDir.resolve("attention.csv"))) {
        attention(tpDir.resolve("attention.csv"), rel + "/attention.csv", hw, dtype, sh,
            samples, new Sink(out, origin), errors);
      }
      if (Files.exists(tpDir.resolve("per_sequence.csv"))) {
        perSequence(tpDir.resolve("per_sequence.csv"), rel + "/per_sequence.csv", hw, dtype,
            sh, samples, new Sink(out, origin), errors);
      }
      Path moe = Files.exists(tpDir.resolve("moe.csv")) ? tpDir.resolve("moe.csv")
          : variantDir.resolve("moe.csv");
      if (Files.exists(moe) && sh.experts() > 0) {
        moe(moe, root.relativize(moe).toString(), hw, dtype, sh, samples, new Sink(out,
            origin), errors);
      }
    }
  }

  /** True when a catalog source string names this Hugging Face repository. */
  static boolean names(String source, String repo) {
    return (" " + source + " ").matches("(?s).*[\\s/]" + java.util.regex.Pattern.quote(repo)
        + "[\\s,;].*");
  }

  static Shapes shapes(AiModel base, YNode.Mapping over, int tp, String shown)
      throws InputException {
    long hidden = override(over, "hidden_size", base.hiddenSize());
    long heads = override(over, "num_attention_heads", base.heads());
    long kv = override(over, "num_key_value_heads", base.kvHeads());
    // head_dim is fixed by the checkpoint's config; overriding the head count does not
    // change it (the RTX PRO 6000 profile's times agree with 128, not hidden / heads)
    long headDim = override(over, "head_dim", base.headDim());
    long inter = override(over, "intermediate_size", base.intermediateSize());
    long vocab = override(over, "vocab_size", base.vocabSize());
    long experts = override(over, "num_experts", base.experts());
    long topK = override(over, "num_experts_per_tok", base.expertsPerToken());
    long width = override(over, "moe_intermediate_size", base.expertIntermediateSize());
    if (heads % tp != 0 || inter % tp != 0) {
      throw new InputException(new Location(shown, 1, 1), "tp" + tp + ": heads " + heads
          + " or intermediate " + inter + " do not split over " + tp + " devices");
    }
    return new Shapes(hidden, heads / tp, Math.max(1, kv / tp), headDim, inter / tp,
        (vocab + tp - 1) / tp, base.gatedMlp(), experts, topK, width / Math.max(1, tp));
  }

  private static long override(YNode.Mapping over, String key, long dflt)
      throws InputException {
    if (over == null || over.get(key) == null) {
      return dflt;
    }
    YNode n = over.get(key);
    if (n instanceof YNode.Scalar s && s.text() != null && s.text().matches("\\d+")) {
      return Long.parseLong(s.text());
    }
    throw new InputException(n.where(), "hf_overrides." + key + " must be a whole number");
  }

  private static void dense(Path f, String shown, String hw, Dtype dt, Shapes s, long samples,
      Sink out, List<InputError> errors, List<String> notes) throws InputException {
    SourceCsv c = SourceCsv.open(f, shown, List.of("layer", "tokens", "time_us"));
    int unknown = 0;
    for (int i = 0; i < c.rowCount(); i++) {
      if (!c.row(i)) {
        continue;
      }
      String layer = c.text("layer");
      long t = c.whole("tokens", 1);
      double us = c.time("time_us");
      if (t < 0 || Double.isNaN(us)) {
        continue;
      }
      long qkvN = (s.heads() + 2 * s.kvHeads()) * s.headDim();
      KernelQuery q = switch (layer) {
        case "qkv_proj" -> KernelQuery.gemm(hw, dt, t, qkvN, s.hidden());
        case "o_proj" -> KernelQuery.gemm(hw, dt, t, s.hidden(), s.heads() * s.headDim());
        case "gate_up_proj" -> KernelQuery.gemm(hw, dt, t, (s.gated() ? 2 : 1)
            * s.intermediate(), s.hidden());
        case "down_proj" -> KernelQuery.gemm(hw, dt, t, s.hidden(), s.intermediate());
        case "layernorm", "final_layernorm" -> KernelQuery.rows(hw, Op.RMSNORM, dt, t,
            s.hidden());
        case "qk_norm" -> KernelQuery.rows(hw, Op.RMSNORM, dt, t * (s.heads() + s.kvHeads()),
            s.headDim());
        case "rotary_emb" -> KernelQuery.rows(hw, Op.ROPE, dt, t, (s.heads() + s.kvHeads())
            * s.headDim());
        case "act_fn" -> KernelQuery.activation(hw, dt, t, s.intermediate(), s.gated() ? 2
            : 1);
        case "embedding" -> KernelQuery.rows(hw, Op.EMBEDDING, dt, t, s.hidden());
        default -> null;
      };
      if (q == null) {
        unknown++;
        continue;
      }
      out.add(q, us / 1e6, layer, samples);
    }
    if (unknown > 0) {
      notes.add("skipped " + unknown + " rows of " + shown + " with layers that have no "
          + "table op");
    }
    errors.addAll(c.errors);
  }

  private static void attention(Path f, String shown, String hw, Dtype dt, Shapes s,
      long samples, Sink out, List<InputError> errors)
      throws InputException {
    SourceCsv c = SourceCsv.open(f, shown, List.of("prefill_chunk", "kv_prefill", "n_decode",
        "kv_decode", "time_us"));
    Map<List<Long>, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < c.rowCount(); i++) {
      if (!c.row(i)) {
        continue;
      }
      long chunk = c.whole("prefill_chunk", 0);
      long kvp = c.whole("kv_prefill", 0);
      long n = c.whole("n_decode", 0);
      long kvd = c.whole("kv_decode", 0);
      double us = c.time("time_us");
      if (chunk < 0 || kvp < 0 || n < 0 || kvd < 0 || Double.isNaN(us)) {
        continue;
      }
      Integer first = seen.putIfAbsent(List.of(chunk, kvp, n, kvd), c.line());
      if (first != null) {
        c.error("prefill_chunk", "duplicate call: same prefill_chunk, kv_prefill, n_decode "
            + "and kv_decode as line " + first);
        continue;
      }
      if (chunk > 0 && n == 0) {
        out.add(KernelQuery.prefill(hw, dt, 1, chunk, kvp, s.heads(), s.kvHeads(),
            s.headDim()), us / 1e6, "attention", samples);
      } else if (chunk == 0 && n > 0) {
        out.add(KernelQuery.decode(hw, dt, n, kvd, s.heads(), s.kvHeads(), s.headDim()),
            us / 1e6, "attention", samples);
      } else if (chunk > 0) {
        out.add(KernelQuery.mixed(hw, dt, chunk, kvp, n, kvd, s.heads(), s.kvHeads(),
            s.headDim()), us / 1e6, "attention", samples);
      } else {
        c.error("n_decode", "a call with neither a prefill chunk nor decode sequences "
            + "(prefill_chunk and n_decode both 0)");
      }
    }
    errors.addAll(c.errors);
  }

  private static void perSequence(Path f, String shown, String hw, Dtype dt, Shapes s,
      long samples, Sink out, List<InputError> errors) throws InputException {
    SourceCsv c = SourceCsv.open(f, shown, List.of("layer", "sequences", "time_us"));
    for (int i = 0; i < c.rowCount(); i++) {
      if (!c.row(i)) {
        continue;
      }
      String layer = c.text("layer");
      long n = c.whole("sequences", 1);
      double us = c.time("time_us");
      if (n < 0 || Double.isNaN(us)) {
        continue;
      }
      if (layer.equals("lm_head")) {
        out.add(KernelQuery.gemm(hw, dt, n, s.vocab(), s.hidden()), us / 1e6, layer, samples);
      } else if (layer.equals("sampler")) {
        out.add(KernelQuery.rows(hw, Op.SAMPLER, dt, n, s.vocab()), us / 1e6, layer, samples);
      } else {
        c.error("layer", "unknown per-sequence layer '" + layer + "' (lm_head or sampler)");
      }
    }
    errors.addAll(c.errors);
  }

  private static void moe(Path f, String shown, String hw, Dtype dt, Shapes s, long samples,
      Sink out, List<InputError> errors) throws InputException {
    SourceCsv c = SourceCsv.open(f, shown, List.of("tokens", "activated_experts", "time_us"));
    for (int i = 0; i < c.rowCount(); i++) {
      if (!c.row(i)) {
        continue;
      }
      long t = c.whole("tokens", 1);
      long e = c.whole("activated_experts", 1);
      double us = c.time("time_us");
      if (t < 0 || e < 0 || Double.isNaN(us)) {
        continue;
      }
      if (e > s.experts()) {
        c.error("activated_experts", e + " is more than the model's " + s.experts()
            + " experts");
        continue;
      }
      out.add(KernelQuery.moe(hw, dt, t, t * s.topK(), e, s.hidden(), s.expertWidth()),
          us / 1e6, "moe", samples);
    }
    errors.addAll(c.errors);
  }

  /** A merger and the origin its rows are credited to. */
  private record Sink(RowMerger merger, String origin) {
    void add(KernelQuery q, double seconds, String name, long samples) {
      merger.add(q, seconds, origin, name, samples);
    }
  }

  private static YNode asMap(YNode n, String shown) throws InputException {
    if (!(n instanceof YNode.Mapping)) {
      throw new InputException(n.where(), "meta.yaml must be a map");
    }
    return n;
  }

  private static String text(YNode.Mapping m, String key, String shown) throws InputException {
    YNode n = m.get(key);
    if (n instanceof YNode.Scalar s && s.text() != null) {
      return s.text();
    }
    throw new InputException(n == null ? m.where() : n.where(), "meta.yaml: '" + key
        + "' is required");
  }
}
