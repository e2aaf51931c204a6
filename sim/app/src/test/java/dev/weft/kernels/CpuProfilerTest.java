package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import dev.weft.kernels.cpu.CpuKernels;
import dev.weft.kernels.cpu.CpuProfiler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The CPU kernels compute the right thing, and a quick JMH run yields measured rows. */
class CpuProfilerTest {
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
  void aQuickJmhRunGivesMeasuredRows() throws Exception {
    StringWriter log = new StringWriter();
    CpuProfiler.Result res = CpuProfiler.run("cpu-test", 1, true, 0, new PrintWriter(log));
    assertEquals(4, res.rows().size(), log.toString());
    assertTrue(res.rows().stream().allMatch(x -> x.label() == Label.MEASURED
        && x.seconds() > 0 && x.samples() > 0 && x.source().contains("jmh-1.37")));
    assertTrue(res.rows().stream().anyMatch(x -> x.op() == Op.GEMM && x.query().m() == 64));
    assertTrue(res.env().stream().anyMatch(l -> l.startsWith("harness: jmh-1.37 SampleTime")));
  }
}
