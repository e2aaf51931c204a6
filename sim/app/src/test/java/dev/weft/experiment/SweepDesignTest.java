package dev.weft.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sweep designs against hand enumeration and the defining property of a Latin hypercube. */
class SweepDesignTest {
  @Test
  void linkedParametersMoveTogetherAndTheRestMultiply() {
    var a = new Sweep.Param("a", List.of("1", "2", "3"));
    var b = new Sweep.Param("b", List.of("x", "y", "z"));
    var c = new Sweep.Param("c", List.of("p", "q"));
    var g = new Sweep.Grid(List.of(a, b, c), List.of(List.of(0, 1), List.of(2)));
    assertEquals(6, g.size());
    assertEquals(List.of("1", "x", "p"), g.point(0));
    assertEquals(List.of("1", "x", "q"), g.point(1));
    assertEquals(List.of("2", "y", "p"), g.point(2));
    assertEquals(List.of("3", "z", "q"), g.point(5));
    // unlinked: the plain product, first parameter slowest
    var plain = Sweep.Grid.of(List.of(a, c));
    assertEquals(6, plain.size());
    assertEquals(List.of("2", "q"), plain.point(3));
  }

  @Test
  void aHugeGridIsNeverBuilt() {
    List<String> ten = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    var params = new java.util.ArrayList<Sweep.Param>();
    for (int i = 0; i < 12; i++) {
      params.add(new Sweep.Param("p" + i, ten));
    }
    var g = Sweep.Grid.of(params);
    assertEquals(1_000_000_000_000L, g.size());
    assertEquals(List.of("9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "8"),
        g.point(999_999_999_998L));
  }

  @Test
  void latinHypercubeUsesEveryStratumOncePerParameter() {
    int n = 20;
    var s = new Sweep.Sample("lhs", n, List.of(new Sweep.Range("a", 0, 1),
        new Sweep.Range("b", 5, 15)), 7);
    for (int d = 0; d < 2; d++) {
      Set<Integer> strata = new HashSet<>();
      for (int i = 0; i < n; i++) {
        double v = Double.parseDouble(s.point(i).get(d));
        double lo = d == 0 ? 0 : 5;
        double width = d == 0 ? 1 : 10;
        strata.add((int) Math.floor((v - lo) / width * n));
      }
      assertEquals(n, strata.size(), "each of the " + n + " strata exactly once");
    }
    // the same seed gives the same points (a resumed sweep finds its rows)
    var again = new Sweep.Sample("lhs", n, s.ranges(), 7);
    for (int i = 0; i < n; i++) {
      assertEquals(s.point(i), again.point(i));
    }
  }

  @Test
  void randomSamplingStaysInsideTheRanges() {
    var s = new Sweep.Sample("random", 50, List.of(new Sweep.Range("a", -2, 3)), 1);
    for (int i = 0; i < 50; i++) {
      double v = Double.parseDouble(s.point(i).get(0));
      assertTrue(v >= -2 && v < 3, "" + v);
    }
  }
}
