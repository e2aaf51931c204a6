package dev.weft.hardware;

import java.util.Arrays;
import java.util.Objects;

/**
 * Fitted roofline of one op on one hardware:
 * {@code t = max(flops / (etaCompute * peak), bytes / (etaMemory * bandwidth)) + launch},
 * times a correction factor in log2(m) for GEMMs (empty arrays: none). For collectives
 * {@code launch} is the latency alpha and {@code etaMemory} scales the link bandwidth.
 *
 * @param knotsLog2M log2(m) where the GEMM correction is given, ascending
 * @param factors correction factor at each knot (interpolated in log space between knots)
 * @param rows measured rows the fit used
 * @param medianAbsError median |predicted / measured - 1| over those rows
 * @param p90AbsError 90th percentile of the same
 * @param source what the rows were (tables and their provenance)
 */
public record Calibration(String hardware, Op op, double etaCompute,
    double etaMemory, double launchSeconds, double[] knotsLog2M, double[] factors, int rows,
    double medianAbsError, double p90AbsError, String source) {

  public Calibration {
    Objects.requireNonNull(hardware, "hardware");
    Objects.requireNonNull(op, "op");
    knotsLog2M = knotsLog2M == null ? new double[0] : knotsLog2M.clone();
    factors = factors == null ? new double[0] : factors.clone();
    if (knotsLog2M.length != factors.length) {
      throw new IllegalArgumentException("knots and factors differ in length");
    }
    if (!(etaCompute > 0) || !(etaMemory > 0) || !(launchSeconds >= 0)) {
      throw new IllegalArgumentException("efficiencies must be positive, launch >= 0");
    }
    source = source == null ? "" : source;
  }

  /** A copy of the knots. */
  @Override
  public double[] knotsLog2M() {
    return knotsLog2M.clone();
  }

  /** A copy of the factors. */
  @Override
  public double[] factors() {
    return factors.clone();
  }

  /** The GEMM correction at {@code m} (1 without one). */
  public double correction(double m) {
    int n = knotsLog2M.length;
    if (n == 0 || m <= 0) {
      return 1;
    }
    double x = Math.log(m) / Math.log(2);
    if (x <= knotsLog2M[0]) {
      return factors[0];
    }
    if (x >= knotsLog2M[n - 1]) {
      return factors[n - 1];
    }
    int i = Arrays.binarySearch(knotsLog2M, x);
    if (i >= 0) {
      return factors[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double w = (x - knotsLog2M[lo]) / (knotsLog2M[hi] - knotsLog2M[lo]);
    return Math.exp((1 - w) * Math.log(factors[lo]) + w * Math.log(factors[hi]));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c && hardware.equals(c.hardware) && op == c.op
        && etaCompute == c.etaCompute && etaMemory == c.etaMemory
        && launchSeconds == c.launchSeconds && Arrays.equals(knotsLog2M, c.knotsLog2M)
        && Arrays.equals(factors, c.factors) && rows == c.rows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(hardware, op, etaCompute, etaMemory, launchSeconds,
        Arrays.hashCode(factors), rows);
  }

  @Override
  public String toString() {
    return "Calibration[" + hardware +  " " + op.id() + " etaCompute=" + etaCompute
        + " etaMemory=" + etaMemory + " launch=" + launchSeconds + " rows=" + rows + "]";
  }
}
