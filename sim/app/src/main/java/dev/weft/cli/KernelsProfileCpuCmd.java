package dev.weft.cli;

import dev.weft.hardware.Hardware;
import dev.weft.kernels.Catalogs;
import dev.weft.kernels.KernelCsv;
import dev.weft.kernels.ProjectFiles;
import dev.weft.kernels.cpu.CpuProfiler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weft kernels profile-cpu}: runs the bench module's JMH benchmarks in a child JVM (the
 * command-line jar carries no JMH) and writes what they measured as a kernel table.
 */
@Command(name = "profile-cpu", mixinStandardHelpOptions = true,
    description = {"Time GEMM (blocked, fp32 and fp64), elementwise add and softmax on this "
        + "CPU with JMH and write a kernel table labelled measured "
        + "(models/kernels/<hardware>.csv and <hardware>-env.txt).",
        "The hardware id must have a models/hardware/<id>.yaml describing this CPU.",
        "The benchmarks are those of sim/bench (dev.weft.bench.cpu.CpuBench), run from its "
            + "benchmarks.jar; ./weft builds that jar when it is missing."})
final class KernelsProfileCpuCmd extends KernelsSubcommand {
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
      description = "JMH forks per benchmark (0 runs in JMH's own JVM; default "
          + "${DEFAULT-VALUE}).")
  int forks;
  @Option(names = "--bench-jar", paramLabel = "FILE", description = "The JMH jar of sim/bench "
      + "(default: the Weft checkout's sim/bench/target/benchmarks.jar).")
  Path benchJar;

  @Override
  int run(PrintWriter out, PrintWriter err) throws Exception {
    Path m = models.resolve();
    Map<String, Hardware> hw = Catalogs.hardware(m.resolve("hardware"));
    if (outFile == null && !hw.containsKey(hardware)) {
      err.println("weft: no models/hardware/" + hardware + ".yaml: describe this CPU there "
          + "first (see models/hardware/README.md and cpu-ci-2core.yaml), or pass "
          + "--hardware ID / --out FILE");
      return Main.BAD_INPUT;
    }
    Path jar = benchJar != null ? benchJar : ProjectFiles.benchJar();
    if (jar == null || !Files.isRegularFile(jar)) {
      err.println("weft: no " + (jar == null ? "sim/bench/target/benchmarks.jar" : jar)
          + ": profile-cpu runs the JMH benchmarks of sim/bench; build them with"
          + " 'mvn -B -q package -DskipTests -pl sim/bench -am' (./weft does this itself)"
          + " or pass --bench-jar FILE");
      return Main.BAD_INPUT;
    }
    Path f = outFile != null ? outFile : m.resolve("kernels").resolve(hardware + ".csv");
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    CpuProfiler.Result r = CpuProfiler.run(jar, hardware, t, quick, forks, out);
    KernelCsv.write(f, r.rows());
    Path env = f.resolveSibling(f.getFileName().toString().replaceFirst("\\.csv$", "")
        + "-env.txt");
    Files.writeString(env, String.join("\n", r.env()) + "\n");
    out.printf(Locale.ROOT, "wrote %s (%d rows) and %s%n", f, r.rows().size(), env);
    return Main.OK;
  }
}
