package dev.weft.cli;

import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelRow;
import dev.weft.kernels.Catalogs;
import dev.weft.kernels.ImportResult;
import dev.weft.kernels.KernelCsv;
import dev.weft.kernels.KernelTables;
import dev.weft.kernels.LlmServingSimImporter;
import dev.weft.kernels.VidurImporter;
import dev.weft.report.OutputFolder;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft kernels import}. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Read a published profiling folder into kernel tables "
        + "(OUT/<hardware>.csv, default models/kernels/imported/, ignored by git).")
final class KernelsImportCmd extends KernelsSubcommand {
  @Option(names = "--format", required = true, paramLabel = "vidur|llmservingsim",
      description = "vidur or llmservingsim.")
  String format;
  @Parameters(paramLabel = "DIR", description = "The published folder (read in place).")
  Path dir;
  @Option(names = "--out", paramLabel = "DIR", description = "Where the tables go.")
  Path outDir;

  @Override
  int run(PrintWriter out, PrintWriter err) throws Exception {
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
    Path measured = m.resolve("kernels").toAbsolutePath().normalize();
    Path target = outDir != null ? outDir : measured.resolve(KernelTables.IMPORTED);
    if (target.toAbsolutePath().normalize().equals(measured)) {
      err.println("weft: --out " + target + " holds the project's measured kernel tables;"
          + " imports go to " + measured.resolve(KernelTables.IMPORTED) + " or another folder");
      return Main.BAD_INPUT;
    }
    // only files this command wrote before are replaced: the folder's manifest lists them
    try (OutputFolder.Claim claim = OutputFolder.claimTables(target, outDir == null)) {
      for (Map.Entry<String, List<KernelRow>> e : new java.util.TreeMap<>(r.rows())
          .entrySet()) {
        if (!hw.containsKey(e.getKey())) {
          err.println("weft: note: no models/hardware/" + e.getKey() + ".yaml; the table "
              + "is written but not loaded until one exists");
        }
        Path f = claim.file(e.getKey() + ".csv");
        KernelCsv.write(f, e.getValue());
        out.printf(Locale.ROOT, "%s: %d rows%n", f, e.getValue().size());
      }
    }
    for (String note : r.notes()) {
      out.println("note: " + note);
    }
    return Main.OK;
  }

  @Override
  boolean argumentsAreInput() {
    return true; // options are checked by throwing IllegalArgumentException
  }
}
