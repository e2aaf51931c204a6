package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void giniGoldenValues() {
    assertEquals(0, EconomicsMetrics.gini(new double[] {5, 5, 5, 5}), 1e-12);
    assertEquals(0.75, EconomicsMetrics.gini(new double[] {0, 0, 0, 7}), 1e-12);
    assertEquals(0.25, EconomicsMetrics.gini(new double[] {4, 1, 3, 2}), 1e-12);
    assertEquals(0, EconomicsMetrics.gini(new double[] {}), 1e-12);
    assertEquals(0, EconomicsMetrics.gini(new double[] {0, 0}), 1e-12);
  }

  @Test
  void nakamotoGoldenValues() {
    assertEquals(2, EconomicsMetrics.nakamoto(new double[] {1, 1, 1, 1, 1, 1}, 1.0 / 3));
    assertEquals(1, EconomicsMetrics.nakamoto(new double[] {20, 50, 30}, 1.0 / 3));
    assertEquals(1, EconomicsMetrics.nakamoto(new double[] {33, 34, 33}, 1.0 / 3));
    assertEquals(2, EconomicsMetrics.nakamoto(new double[] {30, 30, 30, 10}, 1.0 / 3));
    assertEquals(0, EconomicsMetrics.nakamoto(new double[] {0, 0}, 1.0 / 3));
    assertEquals(4, EconomicsMetrics.nakamoto(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1.0 / 3));
  }
}
