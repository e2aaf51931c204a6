package dev.weft.cli;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelTable;
import dev.weft.kernels.Accuracy;
import dev.weft.kernels.CalibrationFile;
import dev.weft.kernels.Catalogs;
import dev.weft.kernels.KernelTables;
import dev.weft.kernels.LlmServingSimImporter;
import dev.weft.kernels.SharedData;
import dev.weft.kernels.TransferAccuracy;
import dev.weft.kernels.VidurImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft kernels accuracy}. */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
    description = {"Held-out accuracy: Vidur GEMMs leave-one-model-out per GPU, and the "
        + "project's own tables leave-one-row-out; median and p90 absolute %% error per "
        + "hardware, op and label. Also the ratio of our H100 GEMM times to Vidur's at "
        + "shared shapes."})
final class KernelsAccuracyCmd extends KernelsSubcommand {
  @Option(names = "--vidur", paramLabel = "DIR", description = "Vidur profiling folder "
      + "(default: the shared data's).")
  Path vidur;

  @Override
  int run(PrintWriter out, PrintWriter err) throws Exception {
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
    KernelTable withLss = own;
    if (lss.isPresent()) {
      KernelTable imported = KernelTable.of(LlmServingSimImporter.read(lss.get(),
          Catalogs.models(m.resolve("ai"))).all());
      out.println("\n## LLMServingSim mixed prefill+decode attention calls\n");
      table(out, Accuracy.mixedAttention(hw, imported));
      withLss = own.plus(imported);
    }
    out.println("\n## Attention transferred from the other GPUs, leave one GPU out\n");
    table(out, TransferAccuracy.leaveOneGpuOut(hw, withLss, CalibrationFile.read(
        m.resolve("kernels").resolve(CalibrationFile.NAME))));
    for (String id : own.hardwareIds()) {
      if (hw.containsKey(id) && hw.get(id).hasFigures()) {
        out.println("\n## " + id + ", leave one row out\n");
        table(out, Accuracy.gridLeaveOneOut(hw, own, id));
      }
    }
    out.flush();
    return Main.OK;
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
