package dev.weft.hardware;

import java.util.List;

/** Hardware ids a scenario may use (CONTRACT section 1), plus {@code abstract}. */
public final class HardwareIds {
  public static final String ABSTRACT = "abstract";

  private static final List<String> IDS = List.of(ABSTRACT, "h100-sxm", "h200", "a100-80gb",
      "a40", "l40s", "l4", "rtx-4090", "rtx-3090", "rtx-pro-6000", "cpu-epyc-9654",
      "cpu-xeon-8480");

  private HardwareIds() {}

  public static List<String> all() {
    return IDS;
  }
}
