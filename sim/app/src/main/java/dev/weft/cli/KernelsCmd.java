package dev.weft.cli;

import dev.weft.ai.AiModel;
import dev.weft.hardware.Calibration;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Op;
import dev.weft.hardware.Prediction;
import dev.weft.kernels.Accuracy;
import dev.weft.kernels.CalibrationFile;
import dev.weft.kernels.Calibrator;
import dev.weft.kernels.Catalogs;
import dev.weft.kernels.ImportResult;
import dev.weft.kernels.KernelCsv;
import dev.weft.kernels.KernelTables;
import dev.weft.kernels.Kernels;
import dev.weft.kernels.LlmServingSimImporter;
import dev.weft.kernels.Num;
import dev.weft.kernels.ProjectFiles;
import dev.weft.kernels.SharedData;
import dev.weft.kernels.VidurImporter;
import dev.weft.kernels.cpu.CpuProfiler;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.Suggest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code weft kernels ...}: kernel times, the tables behind them, and their accuracy. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = "Kernel-time model: predict, import published profiles, calibrate, score "
        + "held-out accuracy, profile this CPU.",
    subcommands = {KernelsCmd.Predict.class, KernelsCmd.Import.class, KernelsCmd.Calibrate.class,
        KernelsCmd.AccuracyCmd.class, KernelsCmd.ProfileCpu.class})
public final class KernelsCmd implements Runnable {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: predict, import, calibrate, accuracy or profile-cpu");
  }

  /** {@code --models DIR}, shared by the subcommands. */
  static final class ModelsOption {
    @Option(names = "--models", paramLabel = "DIR",
        description = "The models/ folder (default: the Weft checkout's).")
    Path models;

    Path resolve() throws InputException {
      Path m = models != null ? models : ProjectFiles.models();
      if (m == null || !Files.isDirectory(m.resolve("hardware"))) {
        throw new InputException(new Location(m == null ? "models" : m.toString(), 1, 1),
            "no models/ folder with hardware/ inside: run from the Weft checkout, through "
            + "./weft, or give --models DIR");
      }
      return m;
    }
  }

  /** Attention shape used when neither --model nor --heads says: Llama-3-8B's, as profiled. */
  static final int[] DEFAULT_ATTENTION = {32, 8, 128};

  /** {@code weft kernels predict}. */
  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = {"Predicted time of one kernel, in seconds, and where it came from "
          + "(measured, interpolated, calibrated-roofline, spec-roofline).",
          "With --batch IN.csv (header hardware,op,m,n,k,dtype plus optional kernel-table "
              + "shape columns): the same rows with two more columns, seconds,source."})
  static final class Predict implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    ModelsOption models;
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
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Kernels kernels = Kernels.load(models.resolve());
        if (batch != null) {
          out.print(batchPredict(kernels, batch, provenance));
          out.flush();
          return Main.OK;
        }
        KernelQuery q = single(kernels);
        Prediction p = kernels.model().predict(q);
        out.println(Num.g6(p.seconds()) + " s " + p.label().id() + " (" + p.source() + ")");
        return Main.OK;
      } catch (InputException e) {
        return Inputs.report(e, err);
      } catch (IllegalArgumentException e) {
        err.println("weft: " + e.getMessage());
        return Main.BAD_INPUT;
      }
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
  }

  static boolean attnOp(Op o) {
    return o != null && o.attention();
  }

  private static long v(Long x) {
    return x == null ? KernelQuery.NONE : x;
  }

  static Op parseOp(String id) {
    Op o = Op.byId(id);
    if (o == null) {
      throw new IllegalArgumentException("unknown op '" + id + "'" + Suggest.didYouMean(id,
          Arrays.stream(Op.values()).map(Op::id).toList()) + "; known: " + Op.known());
    }
    return o;
  }

  static void knownHardware(Kernels kernels, String id) {
    if (!kernels.hardware().containsKey(id)) {
      throw new IllegalArgumentException("unknown hardware '" + id + "'" + Suggest.didYouMean(
          id, kernels.hardware().keySet()) + "; known: " + String.join(", ",
          kernels.hardware().keySet()));
    }
  }

  /** Heads, KV heads and head size from the options, a model, or Llama-3-8B's. */
  static int[] attention(Kernels kernels, String model, Long heads, Long kv, Long dim) {
    int[] a = DEFAULT_ATTENTION.clone();
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

  /** The columns --batch reads besides the required six. */
  static final List<String> OPTIONAL = List.of("batch", "tokens", "context", "heads", "kv_heads",
      "head_dim", "bytes", "workers");
  static final List<String> REQUIRED = List.of("hardware", "op", "m", "n", "k", "dtype");

  /** Predicts every row of {@code file}; every bad row is reported before anything prints. */
  static String batchPredict(Kernels kernels, Path file, boolean provenance)
      throws InputException {
    String shown = file.toString();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(new Location(shown, 1, 1), Files.exists(file)
          ? "cannot read: " + e.getMessage() : "file not found");
    }
    if (lines.isEmpty()) {
      throw new InputException(new Location(shown, 1, 1), "empty file: the header is "
          + String.join(",", REQUIRED));
    }
    String header = lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1)
        : lines.get(0);
    String[] cols = header.split(",", -1);
    Map<String, Integer> at = new HashMap<>();
    List<InputError> errors = new ArrayList<>();
    int pos = 1;
    for (int i = 0; i < cols.length; i++) {
      String c = cols[i].strip();
      if (!REQUIRED.contains(c) && !OPTIONAL.contains(c) && !c.equals("seconds")
          && !c.equals("source")) {
        List<String> known = new ArrayList<>(REQUIRED);
        known.addAll(OPTIONAL);
        errors.add(new InputError(new Location(shown, 1, pos), "unknown column '" + c + "'"
            + Suggest.didYouMean(c, known)));
      } else if (at.putIfAbsent(c, i) != null) {
        errors.add(new InputError(new Location(shown, 1, pos), "column '" + c + "' twice"));
      }
      pos += cols[i].length() + 1;
    }
    for (String r : REQUIRED) {
      if (!at.containsKey(r)) {
        errors.add(new InputError(new Location(shown, 1, 1), "missing column '" + r
            + "'; the header must have " + String.join(",", REQUIRED)));
      }
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    StringBuilder out = new StringBuilder(lines.size() * 64);
    out.append(header).append(",seconds,source").append(provenance ? ",provenance" : "")
        .append('\n');
    for (int li = 1; li < lines.size() && errors.size() < 100; li++) {
      String line = lines.get(li);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      int[] start = new int[f.length];
      for (int i = 1; i < f.length; i++) {
        start[i] = start[i - 1] + f[i - 1].length() + 1;
      }
      int lineNo = li + 1;
      if (f.length != cols.length) {
        errors.add(new InputError(new Location(shown, lineNo, 1), "expected " + cols.length
            + " fields, found " + f.length));
        continue;
      }
      int before = errors.size();
      RowReader r = new RowReader(f, start, at, shown, lineNo, errors);
      String hw = r.text("hardware");
      if (!kernels.hardware().containsKey(hw)) {
        r.error("hardware", "unknown hardware '" + hw + "'" + Suggest.didYouMean(hw,
            kernels.hardware().keySet()) + "; known: " + String.join(", ",
            kernels.hardware().keySet()));
      } else if (!kernels.hardware().get(hw).hasFigures()) {
        r.error("hardware", hw + " has no kernel times (abstract hardware)");
      }
      Op o = Op.byId(r.text("op"));
      if (o == null) {
        r.error("op", "unknown op '" + r.text("op") + "'" + Suggest.didYouMean(r.text("op"),
            Arrays.stream(Op.values()).map(Op::id).toList()) + "; known: " + Op.known());
      }
      String ds = r.text("dtype");
      Dtype d = ds.isEmpty() ? (o != null && (o == Op.COPY || o.collective()) ? null
          : Dtype.BF16) : Dtype.byId(ds);
      if (!ds.isEmpty() && d == null) {
        r.error("dtype", "unknown dtype '" + ds + "'; known: " + Dtype.known());
      }
      long[] v = new long[11];
      String[] names = {"m", "n", "k", "batch", "tokens", "context", "heads", "kv_heads",
          "head_dim", "bytes", "workers"};
      for (int i = 0; i < names.length; i++) {
        v[i] = r.whole(names[i]);
      }
      if (errors.size() > before) {
        continue;
      }
      if (attnOp(o)) {
        int[] a = DEFAULT_ATTENTION;
        v[3] = v[3] < 0 ? 1 : v[3];
        v[4] = v[4] < 0 && o == Op.ATTENTION_DECODE ? 1 : v[4];
        v[5] = v[5] < 0 ? 0 : v[5];
        v[6] = v[6] < 0 ? a[0] : v[6];
        v[7] = v[7] < 0 ? (at.containsKey("heads") ? v[6] : a[1]) : v[7];
        v[8] = v[8] < 0 ? a[2] : v[8];
      }
      if (o == Op.SEND_RECV && v[10] < 0) {
        v[10] = 2;
      }
      KernelQuery q = new KernelQuery(hw, o, d, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
          v[8], v[9], v[10]);
      String problem = q.problem();
      if (problem != null) {
        r.error("op", o.id() + ": " + problem);
        continue;
      }
      Prediction p;
      try {
        p = kernels.model().predict(q);
      } catch (IllegalArgumentException e) {
        r.error("hardware", e.getMessage());
        continue;
      }
      out.append(line).append(',').append(Num.g6(p.seconds())).append(',')
          .append(p.label().id());
      if (provenance) {
        out.append(',').append(p.source().replace(',', ';'));
      }
      out.append('\n');
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return out.toString();
  }

  /** Field access on one --batch row, recording positioned errors. */
  private record RowReader(String[] f, int[] start, Map<String, Integer> at, String file,
      int line, List<InputError> errors) {
    String text(String col) {
      Integer i = at.get(col);
      return i == null ? "" : f[i].strip();
    }

    void error(String col, String msg) {
      Integer i = at.get(col);
      errors.add(new InputError(new Location(file, line, i == null ? 1 : start[i] + 1), msg));
    }

    long whole(String col) {
      String t = text(col);
      if (t.isEmpty()) {
        return KernelQuery.NONE;
      }
      try {
        long x = Long.parseLong(t);
        if (x < 0) {
          error(col, col + " must not be negative");
        }
        return x;
      } catch (NumberFormatException e) {
        error(col, col + ": '" + t + "' is not a whole number");
        return KernelQuery.NONE;
      }
    }
  }

  /** {@code weft kernels import}. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Read a published profiling folder into kernel tables "
          + "(OUT/<hardware>.csv, default models/kernels/imported/, ignored by git).")
  static final class Import implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    ModelsOption models;
    @Option(names = "--format", required = true, paramLabel = "vidur|llmservingsim",
        description = "vidur or llmservingsim.")
    String format;
    @Parameters(paramLabel = "DIR", description = "The published folder (read in place).")
    Path dir;
    @Option(names = "--out", paramLabel = "DIR", description = "Where the tables go.")
    Path outDir;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Path m = models.resolve();
        if (!Files.isDirectory(dir)) {
          throw new InputException(new Location(dir.toString(), 1, 1), "no such folder");
        }
        ImportResult r = switch (format) {
          case "vidur" -> VidurImporter.read(dir);
          case "llmservingsim" -> LlmServingSimImporter.read(dir,
              Catalogs.models(m.resolve("ai")));
          default -> throw new IllegalArgumentException("unknown --format '" + format
              + "'; known: vidur, llmservingsim");
        };
        Map<String, Hardware> hw = Catalogs.hardware(m.resolve("hardware"));
        Path target = outDir != null ? outDir : m.resolve("kernels")
            .resolve(KernelTables.IMPORTED);
        for (Map.Entry<String, List<KernelRow>> e : new java.util.TreeMap<>(r.rows())
            .entrySet()) {
          if (!hw.containsKey(e.getKey())) {
            err.println("weft: note: no models/hardware/" + e.getKey() + ".yaml; the table "
                + "is written but not loaded until one exists");
          }
          Path f = target.resolve(e.getKey() + ".csv");
          KernelCsv.write(f, e.getValue());
          out.printf(Locale.ROOT, "%s: %d rows%n", f, e.getValue().size());
        }
        for (String note : r.notes()) {
          out.println("note: " + note);
        }
        return Main.OK;
      } catch (InputException e) {
        return Inputs.report(e, err);
      } catch (IllegalArgumentException e) {
        err.println("weft: " + e.getMessage());
        return Main.BAD_INPUT;
      }
    }
  }

  /** {@code weft kernels calibrate}. */
  @Command(name = "calibrate", mixinStandardHelpOptions = true,
      description = {"Fit the calibrated rooflines (per hardware and op) to every "
          + "measurement available and write models/kernels/calibration.yaml.",
          "Inputs: the project's own tables (models/kernels/*.csv) and the published Vidur "
              + "and LLMServingSim profiles, imported in memory from the shared data (not "
              + "the imported/ folder), so the file depends only on those."})
  static final class Calibrate implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    ModelsOption models;
    @Option(names = "--vidur", paramLabel = "DIR", description = "Vidur profiling folder "
        + "(default: the shared data's).")
    Path vidur;
    @Option(names = "--llmservingsim", paramLabel = "DIR", description = "LLMServingSim "
        + "profile folder (default: the shared data's).")
    Path lss;
    @Option(names = "--out", paramLabel = "FILE", description = "Default "
        + "models/kernels/calibration.yaml.")
    Path outFile;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Path m = models.resolve();
        Map<String, Hardware> hw = Catalogs.hardware(m.resolve("hardware"));
        KernelTable table = KernelTables.load(List.of(m.resolve("kernels")), hw);
        List<String> inputs = new ArrayList<>();
        inputs.add("own tables: models/kernels/*.csv (" + table.size() + " rows)");
        Optional<Path> v = vidur != null ? Optional.of(vidur) : SharedData.vidur();
        if (v.isPresent()) {
          ImportResult r = VidurImporter.read(v.get());
          table = table.plus(KernelTable.of(r.all()));
          inputs.add("Vidur profiles: " + label(v.get()) + " (" + r.all().size() + " rows)");
        } else {
          err.println("weft: note: no Vidur data found (set WEFT_SHARED or --vidur); "
              + "calibrating without it");
        }
        Optional<Path> l = lss != null ? Optional.of(lss) : SharedData.llmServingSim();
        if (l.isPresent()) {
          ImportResult r = LlmServingSimImporter.read(l.get(), Catalogs.models(m.resolve("ai")));
          table = table.plus(KernelTable.of(r.all()));
          inputs.add("LLMServingSim profiles: " + label(l.get()) + " (" + r.all().size()
              + " rows)");
        } else {
          err.println("weft: note: no LLMServingSim data found; calibrating without it");
        }
        List<Calibration> cals = Calibrator.fit(hw, table);
        List<String> header = new ArrayList<>(List.of(
            "Calibrated rooflines, written by ./weft kernels calibrate (dev.weft.kernels."
                + "Calibrator); regenerate, do not edit.",
            "t = (max(flops / (etaCompute * peak), bytes / (etaMemory * bandwidth)) + "
                + "launchSeconds) * correction(m)",
            "peak and bandwidth from models/hardware/<hardware>.yaml; correction only for "
                + "gemm (factor per log2 m, interpolated); collectives: launchSeconds + link "
                + "bytes / (etaMemory * interconnect).",
            "Fitted by least squares in log space to the measured rows below; errors are "
                + "|predicted/measured - 1| over those rows.",
            "Vidur data: microsoft/vidur (MIT); LLMServingSim data: casys-kaist/LLMServingSim "
                + "(MIT). Inputs:"));
        for (String s : inputs) {
          header.add("  " + s);
        }
        Path f = outFile != null ? outFile : m.resolve("kernels").resolve(CalibrationFile.NAME);
        CalibrationFile.write(f, cals, header);
        for (Calibration c : cals) {
          out.printf(Locale.ROOT, "%-14s %-17s etaC %.3f etaM %.3f launch %.2f us  %6d rows "
              + " median %.1f%% p90 %.1f%%%n", c.hardware(), c.op().id(), c.etaCompute(),
              c.etaMemory(), c.launchSeconds() * 1e6, c.rows(), 100 * c.medianAbsError(),
              100 * c.p90AbsError());
        }
        out.println("wrote " + f);
        return Main.OK;
      } catch (InputException e) {
        return Inputs.report(e, err);
      }
    }

    private static String label(Path p) {
      Path n = p.toAbsolutePath().normalize();
      int c = n.getNameCount();
      return c >= 3 ? n.subpath(c - 3, c).toString() : n.toString();
    }
  }

  /** {@code weft kernels accuracy}. */
  @Command(name = "accuracy", mixinStandardHelpOptions = true,
      description = {"Held-out accuracy: Vidur GEMMs leave-one-model-out per GPU, and the "
          + "project's own tables leave-one-row-out; median and p90 absolute %% error per "
          + "hardware, op and label. Also the ratio of our H100 GEMM times to Vidur's at "
          + "shared shapes."})
  static final class AccuracyCmd implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    ModelsOption models;
    @Option(names = "--vidur", paramLabel = "DIR", description = "Vidur profiling folder "
        + "(default: the shared data's).")
    Path vidur;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Path m = models.resolve();
        Map<String, Hardware> hw = Catalogs.hardware(m.resolve("hardware"));
        KernelTable own = KernelTables.load(List.of(m.resolve("kernels")), hw);
        Optional<Path> v = vidur != null ? Optional.of(vidur) : SharedData.vidur();
        if (v.isPresent()) {
          out.println("## Vidur GEMMs, leave one model out (fp16)\n");
          table(out, Accuracy.vidurLeaveOneModelOut(v.get(), hw));
          KernelTable theirs = KernelTable.of(VidurImporter.read(v.get()).all());
          ratios(out, Accuracy.gemmRatios(own, theirs, "h100-sxm"));
        } else {
          err.println("weft: note: no Vidur data found (set WEFT_SHARED or --vidur); "
              + "skipping its held-out scores");
        }
        Optional<Path> lss = SharedData.llmServingSim();
        if (lss.isPresent()) {
          out.println("\n## LLMServingSim mixed prefill+decode attention calls\n");
          table(out, Accuracy.mixedAttention(hw, KernelTable.of(LlmServingSimImporter.read(
              lss.get(), Catalogs.models(m.resolve("ai"))).all())));
        }
        for (String id : own.hardwareIds()) {
          if (hw.containsKey(id) && hw.get(id).hasFigures()) {
            out.println("\n## " + id + ", leave one row out\n");
            table(out, Accuracy.gridLeaveOneOut(hw, own, id));
          }
        }
        out.flush();
        return Main.OK;
      } catch (InputException e) {
        return Inputs.report(e, err);
      }
    }

    private static void table(PrintWriter out, List<Accuracy.Score> scores) {
      out.println("| hardware | held out | op | label | rows | median | p90 |");
      out.println("|---|---|---|---|---:|---:|---:|");
      for (Accuracy.Score s : scores) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d | %.1f%% | %.1f%% |%n", s.hardware(),
            s.heldOut(), s.op(), s.label(), s.n(), 100 * s.median(), 100 * s.p90());
      }
    }

    private static void ratios(PrintWriter out, List<double[]> r) {
      out.println("\n## Our H100 GEMMs / Vidur's H100 GEMMs at the same (m, n, k)\n");
      out.println("| our dtype | m range | shapes | median | p10 | p90 | min | max |");
      out.println("|---|---|---:|---:|---:|---:|---:|---:|");
      long[][] ranges = {{1, 128}, {129, 1024}, {1025, Long.MAX_VALUE}, {1, Long.MAX_VALUE}};
      for (Dtype d : List.of(Dtype.BF16, Dtype.FP16)) {
        for (long[] rg : ranges) {
          double[] v = r.stream().filter(x -> x[4] == d.ordinal() && x[0] >= rg[0]
              && x[0] <= rg[1]).mapToDouble(x -> x[3]).sorted().toArray();
          if (v.length == 0) {
            continue;
          }
          out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
              d.id(), rg[1] == Long.MAX_VALUE ? (rg[0] == 1 ? "all" : ">" + (rg[0] - 1))
                  : rg[0] + "-" + rg[1], v.length, Accuracy.quantile(v, 0.5),
              Accuracy.quantile(v, 0.1), Accuracy.quantile(v, 0.9), v[0], v[v.length - 1]);
        }
      }
    }
  }

  /** {@code weft kernels profile-cpu}. */
  @Command(name = "profile-cpu", mixinStandardHelpOptions = true,
      description = {"Time GEMM (blocked, fp32 and fp64), elementwise add and softmax on this "
          + "CPU with JMH and write a kernel table labelled measured "
          + "(models/kernels/<hardware>.csv and <hardware>-env.txt).",
          "The hardware id must have a models/hardware/<id>.yaml describing this CPU."})
  static final class ProfileCpu implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    ModelsOption models;
    @Option(names = "--hardware", paramLabel = "ID", defaultValue = "cpu-generic",
        description = "Hardware id of this machine (default ${DEFAULT-VALUE}).")
    String hardware;
    @Option(names = "--out", paramLabel = "FILE", description = "Table to write (default "
        + "models/kernels/<hardware>.csv).")
    Path outFile;
    @Option(names = "--quick", description = "A few small shapes, short runs (a smoke test).")
    boolean quick;
    @Option(names = "--threads", description = "GEMM threads (default: all cores).")
    Integer threads;
    @Option(names = "--fork", defaultValue = "1",
        description = "JMH forks per benchmark (0 runs in this JVM; default ${DEFAULT-VALUE}).")
    int forks;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Path m = models.resolve();
        Map<String, Hardware> hw = Catalogs.hardware(m.resolve("hardware"));
        if (outFile == null && !hw.containsKey(hardware)) {
          err.println("weft: no models/hardware/" + hardware + ".yaml: describe this CPU there "
              + "first (see models/hardware/README.md and cpu-ci-2core.yaml), or pass "
              + "--hardware ID / --out FILE");
          return Main.BAD_INPUT;
        }
        Path f = outFile != null ? outFile : m.resolve("kernels").resolve(hardware + ".csv");
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        CpuProfiler.Result r = CpuProfiler.run(hardware, t, quick, forks, out);
        KernelCsv.write(f, r.rows());
        Path env = f.resolveSibling(f.getFileName().toString().replaceFirst("\\.csv$", "")
            + "-env.txt");
        Files.writeString(env, String.join("\n", r.env()) + "\n");
        out.printf(Locale.ROOT, "wrote %s (%d rows) and %s%n", f, r.rows().size(), env);
        return Main.OK;
      } catch (InputException e) {
        return Inputs.report(e, err);
      }
    }
  }
}
