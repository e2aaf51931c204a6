package dev.weft.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistributionsTest {

  private static double sampleMean(Distribution d, int n) {
    Distribution.Sampler s = d.sampler(new RandomStreams(5).stream("t"));
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += s.sample();
    }
    return sum / n;
  }

  @Test
  void sampleMeansMatchTheory() {
    int n = 400_000;
    assertEquals(2.0, sampleMean(Distributions.exponential(2.0), n), 0.02);
    assertEquals(3.0, sampleMean(Distributions.uniform(1, 5), n), 0.01);
    assertEquals(10.0, sampleMean(Distributions.normal(10, 2, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY), n), 0.02);
    assertEquals(5.0, sampleMean(Distributions.lognormalMeanSd(5, 2), n), 0.03);
    Distribution w = Distributions.weibull(0.7, 8);
    assertEquals(w.mean(), sampleMean(w, n), 0.02 * w.mean());
    assertEquals(3.5, sampleMean(Distributions.empirical(new double[] {1, 2, 2, 9}), n), 0.03);
    assertEquals(3.0, sampleMean(Distributions.constant(3.0), 10));
  }

  @Test
  void lognormalMedianIsTheMedian() {
    Distribution d = Distributions.lognormalMedian(800, 0.8);
    Distribution.Sampler s = d.sampler(new RandomStreams(1).stream("m"));
    int below = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      if (s.sample() < 800) {
        below++;
      }
    }
    assertEquals(0.5, below / (double) n, 0.005);
  }

  @Test
  void truncatedNormalStaysInBounds() {
    Distribution.Sampler s =
        Distributions.normal(1, 5, 0, Double.POSITIVE_INFINITY).sampler(new RandomStreams(1).stream("n"));
    for (int i = 0; i < 100_000; i++) {
      assertTrue(s.sample() >= 0);
    }
  }

  @Test
  void paretoMean() {
    Distribution p = Distributions.pareto(3, 1);
    assertEquals(1.5, p.mean(), 1e-12);
    assertEquals(1.5, sampleMean(p, 400_000), 0.02);
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> Distributions.exponential(-1));
    assertThrows(IllegalArgumentException.class, () -> Distributions.uniform(5, 1));
    assertThrows(IllegalArgumentException.class, () -> Distributions.empirical(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Distributions.weibull(0, 1));
  }
}
