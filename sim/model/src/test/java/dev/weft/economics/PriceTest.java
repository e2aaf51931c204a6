package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.PriceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceTest {
  private static final double YEAR = EmissionPolicy.YEAR;

  @Test
  void gbmHasTheExactLogNormalLawWhateverTheStep() {
    double mu = 0.1;
    double sigma = 0.8;
    for (int steps : new int[] {1, 12, 365}) {
      int paths = 20_000;
      double sum = 0;
      double sumSq = 0;
      var rng = new RandomStreams(11).stream("gbm/" + steps);
      for (int p = 0; p < paths; p++) {
        GbmPrice g = new GbmPrice(1.0, mu, sigma, rng);
        for (int s = 1; s <= steps; s++) {
          g.advance(YEAR * s / steps);
        }
        double x = Math.log(g.price());
        sum += x;
        sumSq += x * x;
      }
      double mean = sum / paths;
      double var = sumSq / paths - mean * mean;
      // log S(1y) ~ N(mu - sigma^2/2, sigma^2): standard errors 0.0057 and 0.0064
      assertEquals(mu - sigma * sigma / 2, mean, 0.03, "mean with " + steps + " steps");
      assertEquals(sigma * sigma, var, 0.035, "variance with " + steps + " steps");
    }
  }

  @Test
  void gbmWithoutVolatilityGrowsAtTheDrift() {
    GbmPrice g = new GbmPrice(2.0, 0.05, 0, new RandomStreams(1).stream("x"));
    assertEquals(2 * Math.exp(0.025), g.advance(YEAR / 2), 1e-12);
    assertEquals(2 * Math.exp(0.05), g.advance(YEAR), 1e-12);
  }

  @Test
  void tracesHoldOrInterpolate() {
    List<Double> times = List.of(10.0, 20.0, 40.0);
    List<Double> prices = List.of(1.0, 3.0, 2.0);
    TracePrice step = new TracePrice(times, prices, false);
    TracePrice linear = new TracePrice(times, prices, true);
    double[] at = {0, 10, 15, 20, 30, 40, 100};
    double[] stepped = {1, 1, 1, 3, 3, 2, 2};
    double[] lin = {1, 1, 2, 3, 2.5, 2, 2};
    for (int i = 0; i < at.length; i++) {
      assertEquals(stepped[i], step.advance(at[i]), 1e-12, "step at " + at[i]);
      assertEquals(lin[i], linear.advance(at[i]), 1e-12, "linear at " + at[i]);
    }
  }

  @Test
  void registryAndValidation() {
    assertEquals(List.of("constant", "gbm", "trace", "amm"), PriceModels.names());
    PriceConfig bad = new PriceConfig("bogus", 1, 0, 0, null, null, "linear", 1e7);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PriceModels.create(bad, null));
    assertEquals("unknown price model 'bogus', known: constant, gbm, trace, amm", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new PriceConfig("trace", 1, 0, 0, List.of(1.0, 1.0), List.of(1.0, 2.0), "step", 1e7));
    assertThrows(IllegalArgumentException.class,
        () -> new PriceConfig("trace", 1, 0, 0, List.of(1.0), List.of(1.0, 2.0), "step", 1e7));
    assertThrows(IllegalArgumentException.class,
        () -> new PriceConfig("trace", 1, 0, 0, List.of(1.0), List.of(-1.0), "step", 1e7));
  }
}
