package dev.weft.hardware;

import java.util.Map;
import java.util.Objects;

/**
 * One hardware type of the catalog (models/hardware/ID.yaml), figures in the catalog's units.
 * Numbers the file leaves out are 0 ({@code abstract} has none at all).
 *
 * @param peakTflops dense peak rate per dtype id ({@code bf16}, {@code fp16}, {@code tf32},
 *     {@code fp32}, ...), TFLOP/s
 * @param interconnectGBps per-GPU link bandwidth in each direction, GB/s (0: none)
 * @param hostLinkGBps per-GPU link to host memory (PCIe) in each direction, GB/s: what a copy
 *     of KV-cache blocks to or from host memory runs at (0: not in the catalog)
 * @param sources where each figure comes from, keyed as in the file
 */
public record Hardware(String id, String name, String vendor, String kind, double memoryGB,
    double memoryBandwidthGBps, Map<String, Double> peakTflops, double tdpWatts,
    double idleWatts, String interconnectType, double interconnectGBps, double hostLinkGBps,
    double purchaseUsd, double rentalUsdPerHour, double l2CacheMB, int smCount, int cores,
    Map<String, String> sources) {

  public static final String GPU = "gpu";
  public static final String CPU = "cpu";
  public static final String ABSTRACT = "abstract";

  public Hardware {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    peakTflops = peakTflops == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(peakTflops));
    sources = sources == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    name = name == null ? id : name;
    vendor = vendor == null ? "" : vendor;
    interconnectType = interconnectType == null ? "none" : interconnectType;
  }

  /** A catalog entry without a host link figure (as a file that leaves {@code hostLink} out). */
  public Hardware(String id, String name, String vendor, String kind, double memoryGB,
      double memoryBandwidthGBps, Map<String, Double> peakTflops, double tdpWatts,
      double idleWatts, String interconnectType, double interconnectGBps, double purchaseUsd,
      double rentalUsdPerHour, double l2CacheMB, int smCount, int cores,
      Map<String, String> sources) {
    this(id, name, vendor, kind, memoryGB, memoryBandwidthGBps, peakTflops, tdpWatts, idleWatts,
        interconnectType, interconnectGBps, 0, purchaseUsd, rentalUsdPerHour, l2CacheMB,
        smCount, cores, sources);
  }

  /** True when the catalog gives this hardware figures a roofline can use. */
  public boolean hasFigures() {
    return !kind.equals(ABSTRACT) && memoryBandwidthGBps > 0 && !peakTflops.isEmpty();
  }

  /**
   * Peak FLOP/s for a dtype: its own entry, else the next wider type the hardware lists (an
   * fp16 kernel on a part that lists only fp32 runs at the fp32 rate).
   */
  public double peakFlops(Dtype dtype) {
    Dtype d = dtype == null ? Dtype.BF16 : dtype;
    Double t = peakTflops.get(d.id());
    if (t == null && (d == Dtype.BF16 || d == Dtype.FP16)) {
      t = peakTflops.get(d == Dtype.BF16 ? "fp16" : "bf16");
    }
    if (t == null && d == Dtype.FP64) {
      Double f32 = peakTflops.get("fp32");
      t = f32 == null ? null : f32 / 2;  // two fp64 lanes per fp32 pair on CPUs
    }
    if (t == null) {
      t = peakTflops.get("fp32");
    }
    return t == null ? 0 : t * 1e12;
  }

  /**
   * True when the catalog gives bf16 and fp16 one tensor rate (or lists only one of them):
   * the same kernels serve both types, so a timing of one answers the other.
   */
  public boolean same16BitKernels() {
    Double b = peakTflops.get("bf16");
    Double f = peakTflops.get("fp16");
    return (b != null || f != null) && (b == null || f == null || b.doubleValue() == f);
  }

  /** Peak memory bandwidth, bytes/s. */
  public double memoryBandwidth() {
    return memoryBandwidthGBps * 1e9;
  }

  /** Device memory (GPU) or installed RAM (CPU), bytes. */
  public double memoryBytes() {
    return memoryGB * 1e9;
  }

  /** Link bandwidth between devices of one node, each direction, bytes/s (0: none). */
  public double linkBandwidth() {
    return interconnectGBps * 1e9;
  }

  /** Link between one device and host memory, each direction, bytes/s (0: not known). */
  public double hostLinkBandwidth() {
    return hostLinkGBps * 1e9;
  }
}
