package dev.weft.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The replication summary's Student-t interval against closed forms and the t table. */
class ReplicationsTest {
  @Test
  void twoValuesUseTheCauchyQuantile() {
    // one degree of freedom: t is Cauchy, t(0.975) = tan(0.475 pi); sd of {1, 3} is sqrt(2),
    // so the half-width t sd / sqrt(2) is t itself
    double[] m = Replications.meanAndHalfWidth(new double[] {1, 3});
    double t = Math.tan(0.475 * Math.PI);
    assertEquals(2, m[0]);
    assertEquals(Math.sqrt(2), m[2], 1e-15);
    assertEquals(t, m[1], 1e-12 * t);
  }

  @Test
  void threeValuesUseTheTwoDegreeClosedForm() {
    // two degrees of freedom: F(t) = 1/2 + t / (2 sqrt(t^2 + 2)), so with q = 2p - 1 = 0.95,
    // t = q sqrt(2 / (1 - q^2)); {1, 2, 3} has mean 2 and sd 1
    double q = 0.95;
    double t = q * Math.sqrt(2 / (1 - q * q));
    double[] m = Replications.meanAndHalfWidth(new double[] {1, 2, 3});
    assertEquals(2, m[0]);
    assertEquals(1, m[2], 1e-15);
    assertEquals(t / Math.sqrt(3), m[1], 1e-13);
  }

  @Test
  void fiveValuesMatchTheTable() {
    // t(0.975, 4) = 2.776445105 (tables); {0, 0, 0, 0, 5}: mean 1, sd sqrt(5), so the
    // half-width t sd / sqrt(5) is t itself
    double[] m = Replications.meanAndHalfWidth(new double[] {0, 0, 0, 0, 5});
    assertEquals(1, m[0]);
    assertEquals(Math.sqrt(5), m[2], 1e-14);
    assertEquals(2.776445105, m[1], 1e-9);
  }

  @Test
  void oneValueHasNoInterval() {
    assertArrayEquals(new double[] {7, 0, 0}, Replications.meanAndHalfWidth(new double[] {7}));
  }
}
