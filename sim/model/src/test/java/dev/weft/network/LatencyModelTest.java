package dev.weft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

  /** Points on a plane plus access delays: a matrix Vivaldi with heights can embed exactly. */
  static RegionTable plane(int n, long seed) {
    var rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
    double[][] xy = new double[n][2];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      xy[i][0] = rng.nextDouble() * 0.1;
      xy[i][1] = rng.nextDouble() * 0.1;
      h[i] = rng.nextDouble() * 0.005;
    }
    double[][] m = new double[n][n];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("r" + i);
      m[i][i] = 0.001;
      for (int j = 0; j < i; j++) {
        m[i][j] = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]) + h[i] + h[j];
        m[j][i] = m[i][j];
      }
    }
    return new RegionTable(ids, m);
  }

  @Test
  void vivaldiRecoversAnEmbeddableMatrixClosely() {
    RegionTable t = plane(40, 1);
    VivaldiLatency v = VivaldiLatency.fit(new MatrixLatency(t), 2, 2000,
        RandomSource.XO_SHI_RO_256_PP.create(7L));
    double err = v.medianRelativeError(new MatrixLatency(t));
    assertTrue(err < 0.02, "median relative error " + err);
    assertEquals(0.001, v.rtt(3, 3));
    assertEquals(v.rtt(2, 9), v.rtt(9, 2));
  }

  @Test
  void vivaldiIsDeterministicGivenTheSeed() {
    MatrixLatency m = new MatrixLatency(plane(20, 2));
    VivaldiLatency a = VivaldiLatency.fit(m, 3, 300, RandomSource.XO_SHI_RO_256_PP.create(5L));
    VivaldiLatency b = VivaldiLatency.fit(m, 3, 300, RandomSource.XO_SHI_RO_256_PP.create(5L));
    VivaldiLatency c = VivaldiLatency.fit(m, 3, 300, RandomSource.XO_SHI_RO_256_PP.create(6L));
    assertEquals(a.rtt(0, 7), b.rtt(0, 7));
    assertTrue(a.rtt(0, 7) != c.rtt(0, 7));
  }

  @Test
  void regionTablesAreCheckedAndSubsetByName() {
    RegionTable t = NetworkTest.abc();
    assertEquals(2, t.index("c"));
    RegionTable sub = t.subset(List.of("c", "a"));
    assertEquals(0.100, sub.rtt(0, 1));
    assertEquals(0.001, sub.rtt(1, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.index("d"));
    assertTrue(e.getMessage().contains("known: a, b, c"));
    assertThrows(IllegalArgumentException.class, () -> new RegionTable(List.of("x", "y"),
        new double[][] {{0, 1}, {2, 0}}));
    assertThrows(IllegalArgumentException.class, () -> new RegionTable(List.of("x", "x"),
        new double[][] {{0, 1}, {1, 0}}));
  }

  @Test
  void withVivaldiLatencyEveryRouteIsDirect() {
    RegionTable t = plane(15, 3);
    VivaldiLatency v = VivaldiLatency.fit(new MatrixLatency(t), 2, 500,
        RandomSource.XO_SHI_RO_256_PP.create(1L));
    RegionGraph g = new RegionGraph(v);
    for (int a = 0; a < 15; a++) {
      for (int b = 0; b < 15; b++) {
        assertEquals(a == b ? 1 : 2, g.route(a, b).length);
      }
    }
  }
}
