package dev.weft.bench.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The CPU kernels compute the right thing, and JMH can sample them. */
class CpuKernelsTest {
  @Test
  void blockedGemmMatchesTheNaiveProduct() {
    Random r = new Random(3);
    int m = 37;
    int n = 600;
    int k = 300;  // not multiples of the blocks or of four rows
    float[] a = new float[m * k];
    float[] w = new float[n * k];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    float[] c = new float[m * n];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CpuKernels.gemm(a, w, c, m, n, k, pool, 3);
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += (double) a[i * k + p] * w[j * k + p];
        }
        assertEquals(s, c[i * n + j], 1e-3, i + "," + j);
      }
    }
    double[] ad = {1, 2, 3, 4};
    double[] wd = {1, 0, 0, 1, 1, 1};
    double[] cd = new double[6];
    CpuKernels.gemm(ad, wd, cd, 2, 3, 2, null, 1);
    assertArrayEquals(new double[] {1, 2, 3, 3, 4, 7}, cd);
  }

  @Test
  void softmaxRowsSumToOne() {
    float[] x = {1, 2, 3, 1000, 1000, 1000};
    float[] y = new float[6];
    CpuKernels.softmax(x, y, 2, 3, null, 1);
    assertEquals(1, y[0] + y[1] + y[2], 1e-6);
    assertEquals(1f / 3, y[4], 1e-6);
  }

  @Test
  void aQuickJmhRunSamplesEveryShape() throws Exception {
    // what profile-cpu asks of the jar, in this JVM: SampleTime over two GEMM shapes
    Options opt = new OptionsBuilder()
        .include(CpuBench.class.getName() + "\\.gemmF32$")
        .param("shape", "8x64x64", "16x64x64")
        .param("threads", "1")
        .mode(Mode.SampleTime)
        .timeUnit(TimeUnit.NANOSECONDS)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(50))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(50))
        .forks(0)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();
    Collection<RunResult> results = new Runner(opt).run();
    assertEquals(2, results.size());
    for (RunResult r : results) {
      assertTrue(r.getPrimaryResult().getStatistics().getN() > 0);
      assertTrue(r.getPrimaryResult().getStatistics().getPercentile(50) > 0);
    }
  }

  @Test
  void theDescriptionNamesTheBlocking() {
    assertTrue(CpuKernels.describe().startsWith("blocked KC=" + CpuKernels.KC + " NC="
        + CpuKernels.NC), CpuKernels.describe());
  }
}
