package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rational cartel cheats only where it can carry the vote (before, its members returned junk
 * on every job and were outvoted and slashed wherever they were a minority).
 */
class CartelTest {

  private static List<OperatorSpec> fleet(int colluders, int honest) {
    List<OperatorSpec> out = new ArrayList<>();
    for (int i = 0; i < colluders + honest; i++) {
      out.add(new OperatorSpec("a", i < colluders ? Behaviour.COLLUDING : Behaviour.HONEST,
          100, 1, new OperatorCosts(0, 86400, 0, 1000, 0.5, 0)));
    }
    return out;
  }

  private static EconomicsSummary redundancy(int colluders, int honest, int jobs) {
    EconomicsConfig c = Configs.economics("verification={policy:redundancy,replicas:3,quorum:2}",
        "slashing.fraud={penalty:0.01,correlationWindow:0,jail:0}",
        "operators={joinLeave:false,sellShare:0}");
    Economy e = Economy.create(c, fleet(colluders, honest), new RandomStreams(4));
    for (int k = 0; k < jobs; k++) {
      e.onJobCompleted(k % (colluders + honest), 60, 0, k + 1.0);
    }
    return e.close(jobs + 1.0);
  }

  @Test
  void aMinorityCartelNeverCheatsAndIsNeverSlashed() {
    // 2 of 3 executions must agree: a colluder is alone among the three far more often than
    // not; a vote it cannot win would only cost it the slash, so it computes
    EconomicsSummary s = redundancy(1, 9, 2000);
    assertEquals(0, s.jobs().junk());
    assertEquals(0, s.slashedByCause().get("fraud"));
  }

  @Test
  void aCartelCheatsExactlyWhereItHoldsTheQuorum() {
    // every vote the cartel joins with two of three executions is a vote it carries: its junk
    // is accepted every time and none of its members is slashed for fraud
    EconomicsSummary s = redundancy(5, 5, 4000);
    assertTrue(s.jobs().junk() > 0);
    assertEquals(s.jobs().junk(), s.jobs().junkAccepted(), "it cheats only where it wins");
    assertEquals(0, s.jobs().junkCaught());
  }

  /** A colluding executor under spot checks: junk results over 4,000 jobs. */
  private static long spotCheckJunk(double rate, double penalty) {
    EconomicsConfig c = Configs.economics("verification={policy:spot-check,spotCheckRate:"
        + rate + "}", "slashing.fraud={penalty:" + penalty + ",correlationWindow:0,jail:0}",
        "fees={model:fixed,pricePerGpuHour:2,burn:0,tip:0}",
        "operators={joinLeave:false,sellShare:0}");
    Economy e = Economy.create(c, fleet(1, 3), new RandomStreams(2));
    for (int k = 0; k < 4000; k++) {
      e.onJobCompleted(0, 3600, 0, k + 1.0);
    }
    return e.close(4001).jobs().junk();
  }

  @Test
  void underSecretChecksItCheatsOnlyWhenTheSavedComputeOutweighsTheExpectedLoss() {
    // saved: 1 kW for an hour at 0.5 = 0.5; loss if caught: the fee 2 plus 1% of 100 tokens;
    // caught with the check rate times the others' share of the checking stake, 3/3 here
    // (the executor is excluded): cheat iff 0.5 > p (2 + 1), i.e. p < 1/6
    assertEquals(4000, spotCheckJunk(0.1, 0.01));
    assertEquals(0, spotCheckJunk(0.2, 0.01));
    assertEquals(0, spotCheckJunk(0.1, 0.5), "a heavier slash deters at the same rate");
  }
}
