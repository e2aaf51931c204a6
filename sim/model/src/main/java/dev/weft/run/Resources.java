package dev.weft.run;

import dev.weft.workload.ArrivalTrace;
import java.util.Map;

/**
 * Data a run needs beyond the scenario records, read from files by the app before the run:
 * request traces by workload name.
 */
public record Resources(Map<String, ArrivalTrace> traces) {
  public static final Resources NONE = new Resources(Map.of());

  public Resources {
    traces = Map.copyOf(traces);
  }
}
