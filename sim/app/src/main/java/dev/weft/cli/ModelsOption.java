package dev.weft.cli;

import dev.weft.kernels.ProjectFiles;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --models DIR}, shared by the {@code weft kernels} subcommands. */
final class ModelsOption {
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
