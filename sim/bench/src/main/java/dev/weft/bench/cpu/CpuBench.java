package dev.weft.bench.cpu;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of {@link CpuKernels}, one call per invocation, sampled per call. The
 * {@code shape} parameter is {@code MxNxK} for GEMMs, {@code MxN} for add and softmax, and
 * {@code BYTES} for copy ({@code x}, not commas: JMH's command line splits values at commas). {@code weft kernels profile-cpu} (the app's {@code CpuProfiler}) runs
 * them from {@code sim/bench/target/benchmarks.jar} with the shapes it wants and reads JMH's
 * JSON results; by hand: {@code java -jar sim/bench/target/benchmarks.jar CpuBench.gemmF32 -p
 * shape=512x512x512}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CpuBench {
  @Param("64x64x64")
  public String shape;

  @Param("1")
  public int threads;

  int m;
  int n;
  int k;
  float[] af;
  float[] wf;
  float[] cf;
  double[] ad;
  double[] wd;
  double[] cd;
  byte[] src;
  byte[] dst;
  ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) {
    String[] s = shape.split("x");
    m = Integer.parseInt(s[0]);
    n = s.length > 1 ? Integer.parseInt(s[1]) : 1;
    k = s.length > 2 ? Integer.parseInt(s[2]) : 1;
    pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "cpu-bench");
      t.setDaemon(true);
      return t;
    }) : null;
    Random rnd = new Random(42);
    String bench = params.getBenchmark();
    if (bench.endsWith("gemmF32")) {
      af = floats(rnd, m * k);
      wf = floats(rnd, n * k);
      cf = new float[m * n];
    } else if (bench.endsWith("gemmF64")) {
      ad = doubles(rnd, m * k);
      wd = doubles(rnd, n * k);
      cd = new double[m * n];
    } else if (bench.endsWith("copy")) {
      src = new byte[m];
      rnd.nextBytes(src);
      dst = new byte[m];
    } else {
      af = floats(rnd, m * n);
      wf = floats(rnd, m * n);
      cf = new float[m * n];
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  @Benchmark
  public float gemmF32() {
    CpuKernels.gemm(af, wf, cf, m, n, k, pool, threads);
    return cf[0];
  }

  @Benchmark
  public double gemmF64() {
    CpuKernels.gemm(ad, wd, cd, m, n, k, pool, threads);
    return cd[0];
  }

  @Benchmark
  public float add() {
    CpuKernels.add(af, wf, cf, m, n, pool, threads);
    return cf[0];
  }

  @Benchmark
  public float softmax() {
    CpuKernels.softmax(af, cf, m, n, pool, threads);
    return cf[0];
  }

  /** One buffer copy (single thread: System.arraycopy). */
  @Benchmark
  public byte copy() {
    System.arraycopy(src, 0, dst, 0, m);
    return dst[0];
  }

  private static float[] floats(Random r, int len) {
    float[] v = new float[len];
    for (int i = 0; i < len; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static double[] doubles(Random r, int len) {
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }
}
