package dev.weft.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verdicts from paired samples whose answer is known by construction. */
class JudgeTest {
  private static final Location AT = new Location("p.yaml", 1, 1);

  static List<Map<String, Double>> runs(String metric, double... v) {
    List<Map<String, Double>> out = new ArrayList<>();
    for (double x : v) {
      out.add(Map.of(metric, x));
    }
    return out;
  }

  static Objective obj(Objective.Kind k, double threshold, boolean relative, boolean lower) {
    return new Objective("m", k, threshold, relative, lower, "t", AT);
  }

  @Test
  void clearImprovementIsMetAndAClearMissIsNotMet() {
    var base = runs("m", 10, 11, 12, 13, 14);
    var prop = runs("m", 5.1, 6, 6.9, 8.05, 9); // about 5 lower every time
    var lower = List.of(obj(Objective.Kind.MIN_IMPROVEMENT, 0.2, true, true));
    assertEquals(Verdict.MET, Judge.judge(lower, base, prop).get(0).verdict());
    // asking for a 60% improvement (7.2 of 12) when 5 was delivered: not met
    var tooMuch = List.of(obj(Objective.Kind.MIN_IMPROVEMENT, 0.6, true, true));
    assertEquals(Verdict.NOT_MET, Judge.judge(tooMuch, base, prop).get(0).verdict());
    // higher-is-better metric: the same drop is a regression beyond 10%
    var regression = List.of(obj(Objective.Kind.MAX_REGRESSION, 0.1, true, false));
    assertEquals(Verdict.NOT_MET, Judge.judge(regression, base, prop).get(0).verdict());
  }

  @Test
  void intervalStraddlingTheBoundIsInconclusiveAndSaysHowManyMore() {
    var base = runs("m", 0, 0, 0, 0);
    var prop = runs("m", -1, 2, 0.5, -0.5); // mean 0.25, sd 1.3229
    Judge.ObjectiveResult r = Judge.judge(List.of(obj(Objective.Kind.BELOW, 1, false, true)),
        base, prop).get(0);
    assertEquals(Verdict.INCONCLUSIVE, r.verdict());
    // interval 0.25 +- 3.1824 * 1.3229 / 2: straddles 1; gap 0.75, sd 1.3229: t/sqrt(n) must
    // fall under 0.567, first at n = 15 (t(0.975,14) = 2.1448, / sqrt(15) = 0.5538; n = 14:
    // 2.1604 / 3.7417 = 0.5774)
    assertTrue(r.tested().lo() < 1 && r.tested().hi() > 1);
    assertEquals(15, r.replicationsToDecide());
  }

  @Test
  void holmMakesSeveralObjectivesStricter() {
    // one objective with p just under 0.05 is met alone, inconclusive beside a second one
    var base = runs("m", 0, 0, 0, 0, 0, 0);
    var prop = runs("m", 1, 2, 0.5, 1.6, -0.3, 1.4); // mean 1.0333, sd 0.8311, t = 3.046
    var one = obj(Objective.Kind.ABOVE, 0, false, false);
    Judge.ObjectiveResult alone = Judge.judge(List.of(one), base, prop).get(0);
    assertTrue(alone.pT() < 0.05 && alone.pT() > 0.025, "p = " + alone.pT());
    assertEquals(Verdict.MET, alone.verdict());
    var both = Judge.judge(List.of(one, one), base, prop);
    assertEquals(Math.min(1, 2 * alone.pT()), both.get(0).pTHolm(), 1e-15);
    assertEquals(Verdict.INCONCLUSIVE, both.get(0).verdict());
  }
}
