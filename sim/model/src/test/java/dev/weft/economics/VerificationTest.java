package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationTest {

  private static List<OperatorSpec> ops(Behaviour first, int firstCount, Behaviour rest,
      int restCount) {
    List<OperatorSpec> out = new ArrayList<>();
    out.addAll(Configs.operators(firstCount, "a", first, 100, Configs.fixedCostPerDay(1)));
    out.addAll(Configs.operators(restCount, "b", rest, 100, Configs.fixedCostPerDay(1)));
    return out;
  }

  /** Runs {@code jobs} one-minute jobs, round robin over {@code workers}, ticking hourly. */
  private static EconomicsSummary run(EconomicsConfig c, List<OperatorSpec> ops, int[] workers,
      int jobs) {
    Economy e = Economy.create(c, ops, new RandomStreams(9));
    double t = 0;
    for (int i = 0; i < jobs; i++) {
      t += 10;
      e.onJobCompleted(workers[i % workers.length], 60, 0, t);
      if (i % 360 == 359) {
        e.tick(t);
      }
    }
    return e.close(t + 1);
  }

  private static final String[] LENIENT = {"slashing.fraud.jail=0", "slashing.fraud.penalty=0.001",
      "slashing.fraud.correlationWindow=0", "operators.joinLeave=false"};

  private static EconomicsConfig cfg(String... more) {
    String[] all = new String[LENIENT.length + more.length];
    System.arraycopy(LENIENT, 0, all, 0, LENIENT.length);
    System.arraycopy(more, 0, all, LENIENT.length, more.length);
    return Configs.economics(all);
  }

  @Test
  void spotChecksCatchLazyResultsAtTheCheckRate() {
    EconomicsSummary s = run(cfg("verification.spotCheckRate=0.2"),
        ops(Behaviour.LAZY, 1, Behaviour.HONEST, 9), new int[] {0}, 5000);
    assertEquals(5000, s.jobs().junk());
    assertEquals(0.2, s.jobs().junkCaught() / 5000.0, 0.02);
    assertEquals(s.jobs().junk(), s.jobs().junkCaught() + s.jobs().junkAccepted());
    assertEquals(0, s.jobs().falseRejections());
  }

  @Test
  void withoutChecksLazinessIsNeverCaught() {
    EconomicsSummary s = run(cfg("verification.policy=none"),
        ops(Behaviour.LAZY, 1, Behaviour.HONEST, 9), new int[] {0}, 1000);
    assertEquals(1000, s.jobs().junkAccepted());
    assertEquals(0, s.slashed());
    assertEquals(0, s.jobs().checks());
  }

  @Test
  void lazyVerifiersRubberStampEverything() {
    // the verifier's dilemma: checkers who skip the re-execution catch nothing
    EconomicsSummary s = run(cfg("verification.spotCheckRate=1"),
        ops(Behaviour.LAZY, 4, Behaviour.LAZY, 0), new int[] {0}, 1000);
    assertEquals(1000, s.jobs().checks());
    assertEquals(1000, s.jobs().junkAccepted());
  }

  @Test
  void underRedundancyAMinorityCartelComputesHonestly() {
    EconomicsConfig c = cfg("verification.policy=redundancy", "verification.replicas=3",
        "verification.quorum=2");
    EconomicsSummary s = run(c, ops(Behaviour.COLLUDING, 1, Behaviour.HONEST, 9),
        new int[] {0, 1, 2}, 3000);
    // alone it can never carry a 2-of-3 vote, so junk would only cost it a slash
    assertEquals(0, s.jobs().junk());
    assertEquals(0, s.jobs().falseRejections());
    assertEquals(0, s.slashedByCause().get("fraud"));
  }

  @Test
  void aColludingMajorityGetsItsJunkAcceptedAndHonestOperatorsSlashed() {
    EconomicsConfig c = cfg("verification.policy=redundancy", "verification.replicas=3",
        "verification.quorum=2");
    EconomicsSummary s = run(c, ops(Behaviour.COLLUDING, 8, Behaviour.HONEST, 2),
        new int[] {0, 8, 9}, 3000);
    assertTrue(s.jobs().junkAccepted() > 900, "cartel junk is accepted");
    assertTrue(s.jobs().falseRejections() > 300, "honest results are outvoted");
    assertTrue(s.falseSlashRate() > 0.3, "honest operators are among the slashed");
  }

  @Test
  void redundancyAsksForExtraExecutions() {
    EconomicsConfig c = cfg("verification.policy=redundancy", "verification.replicas=3",
        "verification.quorum=2");
    Economy e = Economy.create(c, ops(Behaviour.HONEST, 5, Behaviour.HONEST, 0),
        new RandomStreams(1));
    assertEquals(2, e.onJobCompleted(0, 60, 0, 1));
    Economy none = Economy.create(cfg("verification.policy=none"),
        ops(Behaviour.HONEST, 5, Behaviour.HONEST, 0), new RandomStreams(1));
    assertEquals(0, none.onJobCompleted(0, 60, 0, 1));
  }

  @Test
  void gpuNondeterminismFalselyRejectsHonestWork() {
    EconomicsSummary s = run(cfg("verification.spotCheckRate=1",
        "verification.falseAlarmRate=0.1"), ops(Behaviour.HONEST, 5, Behaviour.HONEST, 0),
        new int[] {0, 1}, 4000);
    assertEquals(0.1, s.jobs().falseRejections() / 4000.0, 0.015);
    assertEquals(1.0, s.falseSlashRate());
  }

  @Test
  void aLoneOperatorIsCheckedByTheReferee() {
    EconomicsSummary s = run(cfg("verification.spotCheckRate=1"),
        ops(Behaviour.LAZY, 1, Behaviour.HONEST, 0), new int[] {0}, 100);
    assertEquals(100, s.jobs().refereeRuns());
    assertEquals(100, s.jobs().junkCaught());
    assertEquals(6000, s.jobs().refereeGpuSeconds(), 1e-9);
  }

  @Test
  void optimisticVerificationPaysOnlyAfterTheChallengePeriod() {
    EconomicsConfig c = cfg("verification.policy=optimistic", "verification.spotCheckRate=0",
        "verification.challengePeriod=2h", "rewards.split={compute:1,verifiers:0,treasury:0}",
        "operators.sellShare=0");
    Economy e = Economy.create(c, ops(Behaviour.HONEST, 1, Behaviour.HONEST, 0),
        new RandomStreams(1));
    e.onJobCompleted(0, 3600, 0, 100);
    e.tick(3600);
    assertEquals(0, e.balance(Accounts.liquid(0)));
    assertEquals(2.0, e.tokens(e.balance(Accounts.FEE_ESCROW)), 1e-9);
    e.tick(7200);
    assertEquals(0, e.balance(Accounts.liquid(0)), "due at 7300 s");
    e.tick(3 * 3600);
    assertEquals(2.0, e.tokens(e.balance(Accounts.liquid(0))), 1e-9);
    assertEquals(0, e.balance(Accounts.FEE_ESCROW));
  }
}
