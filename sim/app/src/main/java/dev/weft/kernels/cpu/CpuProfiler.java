package dev.weft.kernels.cpu;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link CpuBench} with JMH (SampleTime: every sampled call timed; the median of the
 * samples is the table's seconds, their number its samples) and turns the results into
 * kernel-table rows labelled measured.
 */
public final class CpuProfiler {
  /** JMH version pinned in the root pom, for the source column. */
  static final String JMH = "jmh-1.37";

  private CpuProfiler() {}

  /** Rows and the environment description of one profiling run. */
  public record Result(List<KernelRow> rows, List<String> env) {}

  /** One benchmark method and the shapes it runs. */
  record Plan(String method, Op op, Dtype dtype, List<String> shapes) {}

  static List<Plan> plans(boolean quick) {
    if (quick) {
      return List.of(new Plan("gemmF32", Op.GEMM, Dtype.FP32, List.of("8,256,256",
          "64,256,256")), new Plan("add", Op.ELEMENTWISE, Dtype.FP32, List.of("16,4096")),
          new Plan("copy", Op.COPY, null, List.of("1048576")));
    }
    List<String> rows = List.of("1,4096", "16,4096", "128,4096", "1024,4096", "4096,4096");
    return List.of(
        new Plan("gemmF32", Op.GEMM, Dtype.FP32, List.of("128,128,128", "256,256,256",
            "512,512,512", "1024,1024,1024", "2048,2048,2048", "1,2560,2560", "8,2560,2560",
            "32,2560,2560", "128,2560,2560", "512,2560,2560")),
        new Plan("gemmF64", Op.GEMM, Dtype.FP64, List.of("128,128,128", "256,256,256",
            "512,512,512", "1024,1024,1024", "1,2560,2560", "32,2560,2560", "512,2560,2560")),
        new Plan("add", Op.ELEMENTWISE, Dtype.FP32, rows),
        new Plan("softmax", Op.SOFTMAX, Dtype.FP32, rows),
        new Plan("copy", Op.COPY, null, List.of("1048576", "16777216", "268435456")));
  }

  /**
   * Profiles this machine as {@code hardware}: GEMMs on {@code threads} threads, {@code forks}
   * JMH forks per benchmark (0: in this JVM). Progress goes to {@code log}.
   */
  public static Result run(String hardware, int threads, boolean quick, int forks,
      PrintWriter log) throws RunnerException {
    String cpu = cpuName();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    String loadBefore = loadAverage();
    String tags = "weft profile-cpu " + JMH + " java-" + System.getProperty("java.version")
        + " " + cpu.replace(',', ' ') + " " + date + " threads=" + threads;
    List<KernelRow> rows = new ArrayList<>();
    for (Plan p : plans(quick)) {
      Options opt = new OptionsBuilder()
          .include(CpuBench.class.getName() + "\\." + p.method() + "$")
          .param("shape", p.shapes().toArray(new String[0]))
          .param("threads", Integer.toString(p.op() == Op.COPY ? 1 : threads))
          .mode(org.openjdk.jmh.annotations.Mode.SampleTime)
          .timeUnit(TimeUnit.NANOSECONDS)
          .warmupIterations(quick ? 1 : 3)
          .warmupTime(TimeValue.milliseconds(quick ? 100 : 600))
          .measurementIterations(quick ? 2 : 5)
          .measurementTime(TimeValue.milliseconds(quick ? 100 : 600))
          .forks(forks)
          .shouldFailOnError(true)
          .verbosity(VerboseMode.SILENT)
          .build();
      Collection<RunResult> results = new Runner(opt).run();
      for (RunResult r : results) {
        String shape = r.getParams().getParam("shape");
        Statistics s = r.getPrimaryResult().getStatistics();
        double seconds = s.getPercentile(50) * 1e-9;
        KernelQuery q = query(hardware, p, shape);
        String method = p.op() == Op.GEMM ? "blocked-gemm" : p.op() == Op.COPY
            ? "arraycopy threads=1" : p.method();
        rows.add(new KernelRow(q, seconds, s.getN(), tags.replace("threads=" + threads,
            p.op() == Op.COPY ? "" : "threads=" + threads).strip() + " " + method
            + " timing=jmh-sampletime", Label.MEASURED));
        log.printf(Locale.ROOT, "  %-8s %-16s %.4g s (%d samples)%n", p.method(), shape,
            seconds, s.getN());
        log.flush();
      }
    }
    List<String> env = new ArrayList<>();
    env.add("hardware: " + hardware);
    env.add("cpu_name: " + cpu);
    env.add("available_processors: " + Runtime.getRuntime().availableProcessors());
    env.add("threads: " + threads);
    env.add("date_utc: " + date);
    env.add("java: " + System.getProperty("java.vm.name") + " " + System.getProperty(
        "java.version"));
    env.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch"));
    env.add("max_heap_bytes: " + Runtime.getRuntime().maxMemory());
    env.add("harness: " + JMH + " SampleTime, warmup " + (quick ? "1x100ms" : "3x600ms")
        + ", measurement " + (quick ? "2x100ms" : "5x600ms") + ", forks " + forks);
    env.add("gemm: blocked KC=" + CpuKernels.KC + " NC=" + CpuKernels.NC
        + ", W^T packed per block, 4-row axpy kernel, rows split over threads; fewer than "
        + CpuKernels.SKINNY + " rows as dot products split over columns");
    env.add("loadavg_start: " + loadBefore);
    env.add("loadavg_end: " + loadAverage());
    env.add("rows: " + rows.size());
    return new Result(rows, env);
  }

  static KernelQuery query(String hw, Plan p, String shape) {
    String[] s = shape.split(",");
    long a = Long.parseLong(s[0]);
    return switch (p.op()) {
      case GEMM -> KernelQuery.gemm(hw, p.dtype(), a, Long.parseLong(s[1]),
          Long.parseLong(s[2]));
      case COPY -> KernelQuery.copy(hw, a);
      default -> KernelQuery.rows(hw, p.op(), p.dtype(), a, Long.parseLong(s[1]));
    };
  }

  /** /proc/loadavg, to show whether other work shared the machine during the run. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static String cpuName() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall back to the JVM's view
    }
    return System.getProperty("os.arch") + " cpu";
  }
}
