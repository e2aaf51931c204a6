package dev.weft.kernels.cpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Profiles this CPU with the JMH benchmarks of the bench module ({@code
 * dev.weft.bench.cpu.CpuBench} in {@code sim/bench/target/benchmarks.jar}) and turns JMH's JSON
 * results into kernel-table rows labelled measured: SampleTime, every sampled call timed; the
 * median of the samples is the table's seconds, their number its samples.
 *
 * <p>The benchmarks run in a child JVM started with JMH's own command line, so the command-line
 * jar carries no JMH (JMH itself forks again per benchmark unless {@code forks} is 0).
 */
public final class CpuProfiler {
  /** The JMH benchmark class in the bench jar. */
  static final String BENCH = "dev.weft.bench.cpu.CpuBench";
  /** Prints how the GEMM is blocked, for the environment file. */
  static final String KERNELS = "dev.weft.bench.cpu.CpuKernels";

  private CpuProfiler() {}

  /** Rows and the environment description of one profiling run. */
  public record Result(List<KernelRow> rows, List<String> env) {}

  /**
   * One benchmark method and the shapes it runs: {@code MxNxK} for GEMMs, {@code MxN} for add
   * and softmax, {@code BYTES} for copy ({@code x}, as JMH's command line splits values at
   * commas).
   */
  record Plan(String method, Op op, Dtype dtype, List<String> shapes) {}

  /** One JMH result: the shape parameter, the median sampled time and the number of samples. */
  record Sample(String shape, double medianNanos, long samples) {}

  /** How long JMH warms up and measures: {@code iterations} of {@code millis} each. */
  record Timing(int warmups, int iterations, int millis) {
    static Timing of(boolean quick) {
      return quick ? new Timing(1, 2, 100) : new Timing(3, 5, 600);
    }
  }

  static List<Plan> plans(boolean quick) {
    if (quick) {
      return List.of(new Plan("gemmF32", Op.GEMM, Dtype.FP32, List.of("8x256x256",
          "64x256x256")), new Plan("add", Op.ELEMENTWISE, Dtype.FP32, List.of("16x4096")),
          new Plan("copy", Op.COPY, null, List.of("1048576")));
    }
    List<String> rows = List.of("1x4096", "16x4096", "128x4096", "1024x4096", "4096x4096");
    return List.of(
        new Plan("gemmF32", Op.GEMM, Dtype.FP32, List.of("128x128x128", "256x256x256",
            "512x512x512", "1024x1024x1024", "2048x2048x2048", "1x2560x2560", "8x2560x2560",
            "32x2560x2560", "128x2560x2560", "512x2560x2560")),
        new Plan("gemmF64", Op.GEMM, Dtype.FP64, List.of("128x128x128", "256x256x256",
            "512x512x512", "1024x1024x1024", "1x2560x2560", "32x2560x2560", "512x2560x2560")),
        new Plan("add", Op.ELEMENTWISE, Dtype.FP32, rows),
        new Plan("softmax", Op.SOFTMAX, Dtype.FP32, rows),
        new Plan("copy", Op.COPY, null, List.of("1048576", "16777216", "268435456")));
  }

  /**
   * Profiles this machine as {@code hardware} with the benchmarks in {@code benchJar}: GEMMs on
   * {@code threads} threads, {@code forks} JMH forks per benchmark (0: in the child JVM).
   * Progress goes to {@code log}.
   */
  public static Result run(Path benchJar, String hardware, int threads, boolean quick,
      int forks, PrintWriter log) throws IOException, InterruptedException {
    String cpu = cpuName();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    String loadBefore = loadAverage();
    Timing timing = Timing.of(quick);
    String gemm = String.join(" ", child(List.of(java(), "-cp", benchJar.toString(), KERNELS)))
        .strip();
    String jmh = null;
    List<KernelRow> rows = new ArrayList<>();
    Path json = Files.createTempFile("weft-profile-cpu", ".json");
    try {
      for (Plan p : plans(quick)) {
        int t = p.op() == Op.COPY ? 1 : threads;
        Files.deleteIfExists(json);
        child(jmhCommand(benchJar, p, t, timing, forks, json));
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        jmh = "jmh-" + results.path(0).path("jmhVersion").asText("unknown");
        String tags = "weft profile-cpu " + jmh + " java-" + System.getProperty("java.version")
            + " " + cpu.replace(',', ' ') + " " + date + (p.op() == Op.COPY ? ""
            : " threads=" + threads);
        String method = p.op() == Op.GEMM ? "blocked-gemm" : p.op() == Op.COPY
            ? "arraycopy threads=1" : p.method();
        for (Sample s : samples(results)) {
          double seconds = s.medianNanos() * 1e-9;
          rows.add(new KernelRow(query(hardware, p, s.shape()), seconds, s.samples(), tags
              + " " + method + " timing=jmh-sampletime", Label.MEASURED));
          log.printf(Locale.ROOT, "  %-8s %-16s %.4g s (%d samples)%n", p.method(), s.shape(),
              seconds, s.samples());
          log.flush();
        }
      }
    } finally {
      Files.deleteIfExists(json);
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
    env.add("harness: " + jmh + " SampleTime, warmup " + timing.warmups() + "x"
        + timing.millis() + "ms, measurement " + timing.iterations() + "x" + timing.millis()
        + "ms, forks " + forks);
    env.add("gemm: " + gemm);
    env.add("loadavg_start: " + loadBefore);
    env.add("loadavg_end: " + loadAverage());
    env.add("rows: " + rows.size());
    return new Result(rows, env);
  }

  /** JMH's command line for one plan, writing its JSON results to {@code json}. */
  static List<String> jmhCommand(Path benchJar, Plan p, int threads, Timing timing, int forks,
      Path json) {
    return List.of(java(), "-jar", benchJar.toString(),
        "^" + BENCH.replace(".", "\\.") + "\\." + p.method() + "$",
        "-p", "shape=" + String.join(",", p.shapes()), "-p", "threads=" + threads,
        "-bm", "sample", "-tu", "ns",
        "-wi", Integer.toString(timing.warmups()), "-w", timing.millis() + "ms",
        "-i", Integer.toString(timing.iterations()), "-r", timing.millis() + "ms",
        "-f", Integer.toString(forks), "-foe", "true", "-v", "SILENT",
        "-rf", "json", "-rff", json.toString());
  }

  /**
   * The samples of a JMH JSON result file: per benchmark run, the shape parameter, the median
   * of the sampled times ({@code scorePercentiles."50.0"}, in ns) and the number of samples
   * (the counts of its raw histogram, over forks and iterations).
   */
  static List<Sample> samples(JsonNode results) throws IOException {
    List<Sample> out = new ArrayList<>();
    for (JsonNode r : results) {
      JsonNode m = r.path("primaryMetric");
      if (!"sample".equals(r.path("mode").asText()) || !"ns/op".equals(m.path("scoreUnit")
          .asText())) {
        throw new IOException("JMH results are not SampleTime in ns/op: " + r.path("mode")
            + ", " + m.path("scoreUnit"));
      }
      long n = 0;
      for (JsonNode fork : m.path("rawDataHistogram")) {
        for (JsonNode iteration : fork) {
          for (JsonNode bin : iteration) {
            n += bin.path(1).asLong();
          }
        }
      }
      out.add(new Sample(r.path("params").path("shape").asText(), m.path("scorePercentiles")
          .path("50.0").asDouble(Double.NaN), n));
    }
    return out;
  }

  static KernelQuery query(String hw, Plan p, String shape) {
    String[] s = shape.split("x");
    long a = Long.parseLong(s[0]);
    return switch (p.op()) {
      case GEMM -> KernelQuery.gemm(hw, p.dtype(), a, Long.parseLong(s[1]),
          Long.parseLong(s[2]));
      case COPY -> KernelQuery.copy(hw, a);
      default -> KernelQuery.rows(hw, p.op(), p.dtype(), a, Long.parseLong(s[1]));
    };
  }

  /** This JVM's java launcher, for the children. */
  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs {@code command}; its output lines, or an exception with their tail if it fails. */
  private static List<String> child(List<String> command) throws IOException,
      InterruptedException {
    Path out = Files.createTempFile("weft-profile-cpu", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      int code = p.waitFor();
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      if (code != 0) {
        throw new IOException("'" + String.join(" ", command.subList(1, Math.min(4,
            command.size()))) + " ...' failed (exit " + code + "): " + String.join("\n",
            lines.subList(Math.max(0, lines.size() - 20), lines.size())));
      }
      return lines;
    } finally {
      Files.deleteIfExists(out);
    }
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
