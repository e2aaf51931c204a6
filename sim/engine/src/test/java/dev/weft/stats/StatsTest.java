package dev.weft.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void quantilesAreType7() {
    Tally t = new Tally();
    for (double x : new double[] {5, 1, 4, 2, 3}) {
      t.add(x);
    }
    assertEquals(3.0, t.mean(), 1e-12);
    assertEquals(3.0, t.quantile(0.5), 1e-12);
    assertEquals(1.0, t.quantile(0), 1e-12);
    assertEquals(5.0, t.quantile(1), 1e-12);
    assertEquals(4.8, t.quantile(0.95), 1e-12); // numpy.percentile([1..5], 95) = 4.8
    assertEquals(2.5, t.variance(), 1e-12);
  }

  @Test
  void emptyTallyReportsZero() {
    Tally t = new Tally();
    assertEquals(0, t.mean());
    assertEquals(0, t.quantile(0.99));
  }

  @Test
  void timeAverageWeighsByDuration() {
    TimeAverage a = new TimeAverage(0, 0);
    a.update(1, 2); // 0 over [0,1)
    a.update(3, 1); // 2 over [1,3)
    assertEquals((0 + 4 + 1) / 4.0, a.average(4), 1e-12);
    a.resetInterval(4);
    a.add(5, 3); // 1 over [4,5), then 4
    assertEquals((1 + 4) / 2.0, a.intervalAverage(6), 1e-12);
    a.restart(6);
    assertEquals(4.0, a.average(8), 1e-12);
  }
}
