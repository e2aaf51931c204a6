package dev.weft.run;

import dev.weft.ai.AiModel;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelModel;
import dev.weft.network.RegionTable;
import dev.weft.workload.ArrivalTrace;
import java.util.Map;

/**
 * Data a run needs beyond the scenario records, read from files by the app before the run:
 * request traces by workload name, and for real hardware the catalog, the AI model shapes and
 * the kernel-time model (null when every node is abstract and every job synthetic).
 */
public record Resources(Map<String, ArrivalTrace> traces, Map<String, Hardware> hardware,
    Map<String, AiModel> aiModels, KernelModel kernels, RegionTable regions) {
  public static final Resources NONE = new Resources(Map.of(), Map.of(), Map.of(), null, null);

  public Resources(Map<String, ArrivalTrace> traces, Map<String, Hardware> hardware,
      Map<String, AiModel> aiModels, KernelModel kernels) {
    this(traces, hardware, aiModels, kernels, null);
  }

  /** The same resources with {@code regions} for the network. */
  public Resources withRegions(RegionTable r) {
    return new Resources(traces, hardware, aiModels, kernels, r);
  }

  public Resources {
    traces = ordered(traces);
    hardware = hardware == null ? Map.of() : ordered(hardware);
    aiModels = aiModels == null ? Map.of() : ordered(aiModels);
  }

  public Resources(Map<String, ArrivalTrace> traces) {
    this(traces, Map.of(), Map.of(), null, null);
  }

  /** An unmodifiable copy that keeps the given order (Map.copyOf's differs run to run). */
  private static <V> Map<String, V> ordered(Map<String, V> m) {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
  }
}
