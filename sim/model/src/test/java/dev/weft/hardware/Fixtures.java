package dev.weft.hardware;

import java.util.Map;

/** Catalog entries with datasheet figures, built in code (the model module reads no files). */
public final class Fixtures {
  private Fixtures() {}

  public static Hardware h100() {
    return new Hardware("h100-sxm", "NVIDIA H100 SXM 80GB", "nvidia", "gpu", 80, 3350,
        Map.of("bf16", 989.0, "fp16", 989.0, "fp32", 67.0), 700, 70, "nvlink", 450, 25000,
        2.95, 50, 132, 0, Map.of());
  }

  public static Hardware rtx4090() {
    return new Hardware("rtx-4090", "NVIDIA GeForce RTX 4090", "nvidia", "gpu", 24, 1008,
        Map.of("bf16", 165.0, "fp16", 165.0, "fp32", 82.6), 450, 20, "pcie", 32, 1599, 0.34, 72,
        128, 0, Map.of());
  }

  public static Hardware cpu() {
    return new Hardware("cpu-x", "A CPU", "amd", "cpu", 64, 100, Map.of("fp32", 1.0), 100, 10,
        "none", 0, 1000, 0.1, 32, 0, 8, Map.of());
  }

  public static Hardware abstractNode() {
    return new Hardware("abstract", "Abstract node", "", "abstract", 0, 0, Map.of(), 0, 0,
        "none", 0, 0, 0, 0, 0, 0, Map.of());
  }

  public static Map<String, Hardware> catalog() {
    return Map.of("h100-sxm", h100(), "rtx-4090", rtx4090(), "cpu-x", cpu(), "abstract",
        abstractNode());
  }

  public static KernelRow row(KernelQuery q, double seconds) {
    return new KernelRow(q, seconds, 25, "test", Label.MEASURED);
  }
}
