package dev.weft.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  private static double[] draw(UniformRandomProvider r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble();
    }
    return v;
  }

  @Test
  void sameNameSameNumbers() {
    RandomStreams s = new RandomStreams(42);
    assertArrayEquals(draw(s.stream("a"), 100), draw(new RandomStreams(42).stream("a"), 100));
  }

  @Test
  void addingAStreamChangesNoOtherStream() {
    RandomStreams before = new RandomStreams(7);
    UniformRandomProvider a1 = before.stream("workload/chat/arrivals");
    double[] first = draw(a1, 1000);

    RandomStreams after = new RandomStreams(7);
    UniformRandomProvider extra = after.stream("workload/new-one/arrivals");
    draw(extra, 5000);
    UniformRandomProvider a2 = after.stream("workload/chat/arrivals");
    assertArrayEquals(first, draw(a2, 1000));
  }

  @Test
  void differentNamesAndSeedsDiffer() {
    RandomStreams s = new RandomStreams(1);
    assertFalse(Arrays.equals(draw(s.stream("x"), 10), draw(s.stream("y"), 10)));
    assertFalse(Arrays.equals(draw(s.stream("x"), 10), draw(new RandomStreams(2).stream("x"), 10)));
    assertFalse(Arrays.equals(draw(s.stream("n", 1), 10), draw(s.stream("n", 2), 10)));
    assertNotEquals(s.replication(0).masterSeed(), s.replication(1).masterSeed());
  }

  @Test
  void neighbouringStreamsAreUncorrelated() {
    RandomStreams s = new RandomStreams(99);
    int n = 100_000;
    double[] x = draw(s.stream("node", 1), n);
    double[] y = draw(s.stream("node", 2), n);
    double mx = Arrays.stream(x).average().orElseThrow();
    double my = Arrays.stream(y).average().orElseThrow();
    double cov = 0;
    for (int i = 0; i < n; i++) {
      cov += (x[i] - mx) * (y[i] - my);
    }
    double corr = cov / n / (1.0 / 12);
    assertTrue(Math.abs(corr) < 0.015, "correlation " + corr);
    assertEquals(0.5, mx, 0.005);
  }
}
