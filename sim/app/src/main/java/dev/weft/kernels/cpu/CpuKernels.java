package dev.weft.kernels.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The kernels profile-cpu times, written the way a JVM runs them well: unit-stride inner
 * loops the JIT vectorises (axpy form, not dot products, whose float reductions it will not
 * reorder), cache blocking, and rows split across threads.
 *
 * <p>GEMM is {@code C[m x n] = A[m x k] . W^T} with W stored n x k as in the tables. Each
 * thread owns a band of C's rows; for each KC x NC block of W it packs W^T into a
 * contiguous panel (so the inner loop streams it), then updates four rows of C at a time,
 * which loads each panel element once per four rows.
 */
public final class CpuKernels {
  static final int KC = 256;
  static final int NC = 512;

  private CpuKernels() {}

  /** fp32 GEMM over {@code threads} row bands (pool may be null for one thread). */
  public static void gemm(float[] a, float[] w, float[] c, int m, int n, int k,
      ExecutorService pool, int threads) {
    java.util.Arrays.fill(c, 0, m * n, 0f);
    bands(m, pool, threads, (lo, hi) -> gemmRows(a, w, c, n, k, lo, hi));
  }

  /** fp64 GEMM over {@code threads} row bands. */
  public static void gemm(double[] a, double[] w, double[] c, int m, int n, int k,
      ExecutorService pool, int threads) {
    java.util.Arrays.fill(c, 0, m * n, 0d);
    bands(m, pool, threads, (lo, hi) -> gemmRows(a, w, c, n, k, lo, hi));
  }

  private static void gemmRows(float[] a, float[] w, float[] c, int n, int k, int lo, int hi) {
    float[] panel = new float[KC * NC];
    for (int kb = 0; kb < k; kb += KC) {
      int kc = Math.min(KC, k - kb);
      for (int jb = 0; jb < n; jb += NC) {
        int nc = Math.min(NC, n - jb);
        for (int j = 0; j < nc; j++) {
          int wRow = (jb + j) * k + kb;
          for (int p = 0; p < kc; p++) {
            panel[p * nc + j] = w[wRow + p];
          }
        }
        int i = lo;
        for (; i + 3 < hi; i += 4) {
          int c0 = i * n + jb;
          int c1 = c0 + n;
          int c2 = c1 + n;
          int c3 = c2 + n;
          for (int p = 0; p < kc; p++) {
            float a0 = a[i * k + kb + p];
            float a1 = a[(i + 1) * k + kb + p];
            float a2 = a[(i + 2) * k + kb + p];
            float a3 = a[(i + 3) * k + kb + p];
            int b = p * nc;
            for (int j = 0; j < nc; j++) {
              float x = panel[b + j];
              c[c0 + j] += a0 * x;
              c[c1 + j] += a1 * x;
              c[c2 + j] += a2 * x;
              c[c3 + j] += a3 * x;
            }
          }
        }
        for (; i < hi; i++) {
          int c0 = i * n + jb;
          for (int p = 0; p < kc; p++) {
            float a0 = a[i * k + kb + p];
            int b = p * nc;
            for (int j = 0; j < nc; j++) {
              c[c0 + j] += a0 * panel[b + j];
            }
          }
        }
      }
    }
  }

  private static void gemmRows(double[] a, double[] w, double[] c, int n, int k, int lo,
      int hi) {
    double[] panel = new double[KC * NC];
    for (int kb = 0; kb < k; kb += KC) {
      int kc = Math.min(KC, k - kb);
      for (int jb = 0; jb < n; jb += NC) {
        int nc = Math.min(NC, n - jb);
        for (int j = 0; j < nc; j++) {
          int wRow = (jb + j) * k + kb;
          for (int p = 0; p < kc; p++) {
            panel[p * nc + j] = w[wRow + p];
          }
        }
        int i = lo;
        for (; i + 3 < hi; i += 4) {
          int c0 = i * n + jb;
          int c1 = c0 + n;
          int c2 = c1 + n;
          int c3 = c2 + n;
          for (int p = 0; p < kc; p++) {
            double a0 = a[i * k + kb + p];
            double a1 = a[(i + 1) * k + kb + p];
            double a2 = a[(i + 2) * k + kb + p];
            double a3 = a[(i + 3) * k + kb + p];
            int b = p * nc;
            for (int j = 0; j < nc; j++) {
              double x = panel[b + j];
              c[c0 + j] += a0 * x;
              c[c1 + j] += a1 * x;
              c[c2 + j] += a2 * x;
              c[c3 + j] += a3 * x;
            }
          }
        }
        for (; i < hi; i++) {
          int c0 = i * n + jb;
          for (int p = 0; p < kc; p++) {
            double a0 = a[i * k + kb + p];
            int b = p * nc;
            for (int j = 0; j < nc; j++) {
              c[c0 + j] += a0 * panel[b + j];
            }
          }
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
