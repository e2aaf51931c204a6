package dev.weft.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sweep's charts are the same bytes whatever the JVM's locale: a German locale writes 1.234,5
 * for 1234.5 on the axes unless the charts pin the root locale (#14 item 7).
 */
class SweepReportLocaleTest {
  @Test
  void sweepChartTicksDoNotDependOnTheLocale() {
    Sweep.Grid grid = Sweep.Grid.of(List.of(new Sweep.Param("economics.fees.pricePerGpuHour",
        List.of("1.5", "2.5", "3.5"))));
    List<SweepReport.Row> rows = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      for (int r = 0; r < 2; r++) {
        rows.add(new SweepReport.Row(List.of(Double.toString(1.5 + p)), r,
            Map.of("jobs.latency.mean", 1234.5 + 100.25 * p + 3.5 * r)));
      }
    }
    Locale before = Locale.getDefault();
    Map<String, String> root;
    Map<String, String> german;
    try {
      Locale.setDefault(Locale.ROOT);
      root = SweepReport.charts(grid, rows, List.of("jobs.latency.mean"));
      Locale.setDefault(Locale.GERMANY);
      german = SweepReport.charts(grid, rows, List.of("jobs.latency.mean"));
    } finally {
      Locale.setDefault(before);
    }
    assertFalse(root.isEmpty());
    assertEquals(root, german);
  }
}
