package dev.weft.bench.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The kernels {@code weft kernels profile-cpu} times (through {@link CpuBench}), written the way
 * a JVM runs them well: unit-stride inner loops the JIT vectorises (axpy form, not dot products,
 * whose float reductions it will not reorder), cache blocking, and rows split across threads.
 *
 * <p>GEMM is {@code C[m x n] = A[m x k] . W^T} with W stored n x k as in the tables. Each
 * thread owns a band of C's rows; for each KC x NC block of W it packs W^T into KC rows of
 * NC (so the inner loop streams one), then updates four rows of C at a time through four
 * row accumulators, which loads each panel element once per four rows. Packing costs about
 * as much as the multiply-adds of a single row, and a JVM has no vectorised float reduction
 * for the dot-product form, so fewer than {@value #SKINNY} rows
 * go to plain dot products instead, split over columns.
 */
public final class CpuKernels {
  static final int KC = 256;
  static final int NC = 512;

  private CpuKernels() {}

  /** Below this many rows, packing W costs more than it saves: use dot products. */
  static final int SKINNY = 8;

  /** How the GEMM is done, for the environment file written beside a measured table. */
  public static String describe() {
    return "blocked KC=" + KC + " NC=" + NC + ", W^T packed per block, 4-row axpy kernel, rows"
        + " split over threads; fewer than " + SKINNY + " rows as dot products split over"
        + " columns";
  }

  /**
   * Prints {@link #describe()}: {@code weft kernels profile-cpu} runs this from the benchmark
   * jar, which it does not load itself.
   */
  public static void main(String[] args) {
    System.out.println(describe());
  }

  /** fp32 GEMM over {@code threads} row bands (pool may be null for one thread). */
  public static void gemm(float[] a, float[] w, float[] c, int m, int n, int k,
      ExecutorService pool, int threads) {
    if (m < SKINNY) {
      bands(n, pool, threads, (lo, hi) -> gemmDots(a, w, c, m, n, k, lo, hi));
      return;
    }
    java.util.Arrays.fill(c, 0, m * n, 0f);
    bands(m, pool, threads, (lo, hi) -> gemmRows(a, w, c, n, k, lo, hi));
  }

  /** fp64 GEMM over {@code threads} row bands. */
  public static void gemm(double[] a, double[] w, double[] c, int m, int n, int k,
      ExecutorService pool, int threads) {
    if (m < SKINNY) {
      bands(n, pool, threads, (lo, hi) -> gemmDots(a, w, c, m, n, k, lo, hi));
      return;
    }
    java.util.Arrays.fill(c, 0, m * n, 0d);
    bands(m, pool, threads, (lo, hi) -> gemmRows(a, w, c, n, k, lo, hi));
  }

  /**
   * Skinny GEMM (a few rows, GEMV-like) as dot products of A's rows with W's rows, columns
   * [lo, hi) of C; four partial sums keep four multiply-adds in flight (the JIT does not
   * reorder a float reduction into vector lanes).
   */
  private static void gemmDots(float[] a, float[] w, float[] c, int m, int n, int k, int lo,
      int hi) {
    for (int j = lo; j < hi; j++) {
      int wo = j * k;
      for (int i = 0; i < m; i++) {
        int ao = i * k;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int p = 0;
        for (; p + 3 < k; p += 4) {
          s0 += a[ao + p] * w[wo + p];
          s1 += a[ao + p + 1] * w[wo + p + 1];
          s2 += a[ao + p + 2] * w[wo + p + 2];
          s3 += a[ao + p + 3] * w[wo + p + 3];
        }
        for (; p < k; p++) {
          s0 += a[ao + p] * w[wo + p];
        }
        c[i * n + j] = (s0 + s1) + (s2 + s3);
      }
    }
  }

  private static void gemmDots(double[] a, double[] w, double[] c, int m, int n, int k, int lo,
      int hi) {
    for (int j = lo; j < hi; j++) {
      int wo = j * k;
      for (int i = 0; i < m; i++) {
        int ao = i * k;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 3 < k; p += 4) {
          s0 += a[ao + p] * w[wo + p];
          s1 += a[ao + p + 1] * w[wo + p + 1];
          s2 += a[ao + p + 2] * w[wo + p + 2];
          s3 += a[ao + p + 3] * w[wo + p + 3];
        }
        for (; p < k; p++) {
          s0 += a[ao + p] * w[wo + p];
        }
        c[i * n + j] = (s0 + s1) + (s2 + s3);
      }
    }
  }

  /** Packed W^T block and four row accumulators, per thread, reused across calls. */
  private static final ThreadLocal<float[][]> PANEL_F = ThreadLocal.withInitial(
      () -> new float[KC + 4][NC]);
  private static final ThreadLocal<double[][]> PANEL_D = ThreadLocal.withInitial(
      () -> new double[KC + 4][NC]);

  private static void gemmRows(float[] a, float[] w, float[] c, int n, int k, int lo, int hi) {
    float[][] buf = PANEL_F.get();
    float[] c0 = buf[KC];
    float[] c1 = buf[KC + 1];
    float[] c2 = buf[KC + 2];
    float[] c3 = buf[KC + 3];
    for (int kb = 0; kb < k; kb += KC) {
      int kc = Math.min(KC, k - kb);
      for (int jb = 0; jb < n; jb += NC) {
        int nc = Math.min(NC, n - jb);
        for (int j = 0; j < nc; j++) {
          int wRow = (jb + j) * k + kb;
          for (int p = 0; p < kc; p++) {
            buf[p][j] = w[wRow + p];
          }
        }
        int i = lo;
        for (; i + 3 < hi; i += 4) {
          System.arraycopy(c, i * n + jb, c0, 0, nc);
          System.arraycopy(c, (i + 1) * n + jb, c1, 0, nc);
          System.arraycopy(c, (i + 2) * n + jb, c2, 0, nc);
          System.arraycopy(c, (i + 3) * n + jb, c3, 0, nc);
          for (int p = 0; p < kc; p++) {
            float x0 = a[i * k + kb + p];
            float x1 = a[(i + 1) * k + kb + p];
            float x2 = a[(i + 2) * k + kb + p];
            float x3 = a[(i + 3) * k + kb + p];
            float[] row = buf[p];
            // same index into distinct arrays: the form C2 vectorises (offsets into one
            // array defeat its alias analysis)
            for (int j = 0; j < nc; j++) {
              float v = row[j];
              c0[j] += x0 * v;
              c1[j] += x1 * v;
              c2[j] += x2 * v;
              c3[j] += x3 * v;
            }
          }
          System.arraycopy(c0, 0, c, i * n + jb, nc);
          System.arraycopy(c1, 0, c, (i + 1) * n + jb, nc);
          System.arraycopy(c2, 0, c, (i + 2) * n + jb, nc);
          System.arraycopy(c3, 0, c, (i + 3) * n + jb, nc);
        }
        for (; i < hi; i++) {
          System.arraycopy(c, i * n + jb, c0, 0, nc);
          for (int p = 0; p < kc; p++) {
            float x0 = a[i * k + kb + p];
            float[] row = buf[p];
            for (int j = 0; j < nc; j++) {
              c0[j] += x0 * row[j];
            }
          }
          System.arraycopy(c0, 0, c, i * n + jb, nc);
        }
      }
    }
  }

  private static void gemmRows(double[] a, double[] w, double[] c, int n, int k, int lo,
      int hi) {
    double[][] buf = PANEL_D.get();
    double[] c0 = buf[KC];
    double[] c1 = buf[KC + 1];
    double[] c2 = buf[KC + 2];
    double[] c3 = buf[KC + 3];
    for (int kb = 0; kb < k; kb += KC) {
      int kc = Math.min(KC, k - kb);
      for (int jb = 0; jb < n; jb += NC) {
        int nc = Math.min(NC, n - jb);
        for (int j = 0; j < nc; j++) {
          int wRow = (jb + j) * k + kb;
          for (int p = 0; p < kc; p++) {
            buf[p][j] = w[wRow + p];
          }
        }
        int i = lo;
        for (; i + 3 < hi; i += 4) {
          System.arraycopy(c, i * n + jb, c0, 0, nc);
          System.arraycopy(c, (i + 1) * n + jb, c1, 0, nc);
          System.arraycopy(c, (i + 2) * n + jb, c2, 0, nc);
          System.arraycopy(c, (i + 3) * n + jb, c3, 0, nc);
          for (int p = 0; p < kc; p++) {
            double x0 = a[i * k + kb + p];
            double x1 = a[(i + 1) * k + kb + p];
            double x2 = a[(i + 2) * k + kb + p];
            double x3 = a[(i + 3) * k + kb + p];
            double[] row = buf[p];
            for (int j = 0; j < nc; j++) {
              double v = row[j];
              c0[j] += x0 * v;
              c1[j] += x1 * v;
              c2[j] += x2 * v;
              c3[j] += x3 * v;
            }
          }
          System.arraycopy(c0, 0, c, i * n + jb, nc);
          System.arraycopy(c1, 0, c, (i + 1) * n + jb, nc);
          System.arraycopy(c2, 0, c, (i + 2) * n + jb, nc);
          System.arraycopy(c3, 0, c, (i + 3) * n + jb, nc);
        }
        for (; i < hi; i++) {
          System.arraycopy(c, i * n + jb, c0, 0, nc);
          for (int p = 0; p < kc; p++) {
            double x0 = a[i * k + kb + p];
            double[] row = buf[p];
            for (int j = 0; j < nc; j++) {
              c0[j] += x0 * row[j];
            }
          }
          System.arraycopy(c0, 0, c, i * n + jb, nc);
        }
      }
    }
  }

  /** Z = X + Y over m x n elements. */
  public static void add(float[] x, float[] y, float[] z, int m, int n, ExecutorService pool,
      int threads) {
    bands(m, pool, threads, (lo, hi) -> {
      for (int i = lo * n, end = hi * n; i < end; i++) {
        z[i] = x[i] + y[i];
      }
    });
  }

  /** Row-wise softmax of an m x n matrix into {@code out}. */
  public static void softmax(float[] x, float[] out, int m, int n, ExecutorService pool,
      int threads) {
    bands(m, pool, threads, (lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int o = r * n;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          max = Math.max(max, x[o + j]);
        }
        float sum = 0;
        for (int j = 0; j < n; j++) {
          float e = (float) Math.exp(x[o + j] - max);
          out[o + j] = e;
          sum += e;
        }
        float inv = 1f / sum;
        for (int j = 0; j < n; j++) {
          out[o + j] *= inv;
        }
      }
    });
  }

  /** Row band task. */
  interface Band {
    void run(int lo, int hi);
  }

  /**
   * Runs {@code band} over [0, m) split into {@code threads} contiguous bands of rows (whole
   * multiples of 4 where possible, so GEMM bands keep their four-row kernel).
   */
  static void bands(int m, ExecutorService pool, int threads, Band band) {
    int t = pool == null ? 1 : Math.max(1, Math.min(threads, (m + 3) / 4));
    if (t == 1) {
      band.run(0, m);
      return;
    }
    int per = ((m + t - 1) / t + 3) / 4 * 4;
    Future<?>[] f = new Future<?>[t];
    int used = 0;
    for (int i = 0; i < t; i++) {
      int lo = i * per;
      int hi = Math.min(m, lo + per);
      if (lo >= hi) {
        break;
      }
      if (i == t - 1 || hi == m) {
        band.run(lo, hi);  // the caller takes the last band
        break;
      }
      f[used++] = pool.submit(() -> band.run(lo, hi));
    }
    try {
      for (int i = 0; i < used; i++) {
        f[i].get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
