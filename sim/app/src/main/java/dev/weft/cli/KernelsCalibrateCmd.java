package dev.weft.cli;

import dev.weft.hardware.Calibration;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelTable;
import dev.weft.kernels.CalibrationFile;
import dev.weft.kernels.Calibrator;
import dev.weft.kernels.Catalogs;
import dev.weft.kernels.ImportResult;
import dev.weft.kernels.KernelTables;
import dev.weft.kernels.LlmServingSimImporter;
import dev.weft.kernels.SharedData;
import dev.weft.kernels.VidurImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft kernels calibrate}. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit the calibrated rooflines (per hardware and op) to every "
        + "measurement available and write models/kernels/calibration.yaml.",
        "Inputs: the project's own tables (models/kernels/*.csv) and the published Vidur "
            + "and LLMServingSim profiles, imported in memory from the shared data (not "
            + "the imported/ folder), so the file depends only on those."})
final class KernelsCalibrateCmd extends KernelsSubcommand {
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
  int run(PrintWriter out, PrintWriter err) throws Exception {
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
  }

  private static String label(Path p) {
    Path n = p.toAbsolutePath().normalize();
    int c = n.getNameCount();
    return c >= 3 ? n.subpath(c - 3, c).toString() : n.toString();
  }
}
