package dev.weft.hardware;

/**
 * The roofline formula, from datasheet figures or from fitted efficiencies. Collectives use
 * the alpha-beta form {@code alpha + link bytes / bandwidth}, where link bytes are
 * {@code 2(n-1)/n * bytes} for a ring all-reduce.
 */
public final class Roofline {
  /**
   * Fixed cost of one kernel in the spec roofline. Not a datasheet figure: the shortest
   * kernels in our H100 and H200 tables take 2.3 to 3 us, so a launch-bound call is never
   * cheaper than this.
   */
  public static final double SPEC_LAUNCH_SECONDS = 3e-6;

  /**
   * Latency of one collective call in the spec model. Not a datasheet figure: the order of
   * NCCL's small-message latency (Vidur's 2 KB all-reduce medians on 8 H100s are 20-40 us).
   */
  public static final double SPEC_COLLECTIVE_SECONDS = 20e-6;

  private Roofline() {}

  /** Datasheet roofline of {@code q} on {@code hw}. */
  public static double spec(Hardware hw, KernelQuery q) {
    return evaluate(hw, q, 1, 1, q.op().collective() ? SPEC_COLLECTIVE_SECONDS
        : SPEC_LAUNCH_SECONDS, 1);
  }

  /** Calibrated roofline of {@code q} on {@code hw}, with the GEMM correction in m. */
  public static double calibrated(Hardware hw, KernelQuery q, Calibration c) {
    double corr = q.op() == Op.GEMM ? c.correction(q.m()) : 1;
    return evaluate(hw, q, c.etaCompute(), c.etaMemory(), c.launchSeconds(), corr);
  }

  /**
   * {@code (max(flops / (etaC * peak), bytes / (etaM * bandwidth)) + launch) * correction};
   * for collectives the bandwidth is the device link.
   */
  public static double evaluate(Hardware hw, KernelQuery q, double etaC, double etaM,
      double launch, double correction) {
    if (q.op().collective()) {
      double bw = hw.linkBandwidth();
      if (!(bw > 0)) {
        throw new IllegalArgumentException(hw.id() + " has no device interconnect for "
            + q.op().id());
      }
      return launch + q.memoryBytes() / (etaM * bw) * correction;
    }
    double peak = hw.peakFlops(q.dtype());
    double bw = hw.memoryBandwidth();
    double compute = peak > 0 ? q.flops() / (etaC * peak) : 0;
    double memory = bw > 0 ? q.memoryBytes() / (etaM * bw) : 0;
    return (Math.max(compute, memory) + launch) * correction;
  }
}
