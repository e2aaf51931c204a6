package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BehaviourTest {

  @Test
  void namesRoundTrip() {
    assertEquals(List.of("honest", "lazy", "flaky", "sybil", "colluding"), Behaviour.names());
    for (Behaviour b : Behaviour.values()) {
      assertEquals(b, Behaviour.byName(b.label()));
    }
    assertThrows(IllegalArgumentException.class, () -> Behaviour.byName("evil"));
  }

  @Test
  void flakyOperatorsFailAtTheirRateAndHonestOnesNever() {
    EconomicsConfig c = Configs.economics("behaviours.flakyFailRate=0.25");
    List<OperatorSpec> ops = new ArrayList<>();
    ops.add(new OperatorSpec("a", Behaviour.HONEST, 1, 1, Configs.fixedCostPerDay(1)));
    ops.add(new OperatorSpec("a", Behaviour.FLAKY, 1, 1, Configs.fixedCostPerDay(1)));
    Economy e = Economy.create(c, ops, new RandomStreams(1));
    int fails = 0;
    for (int i = 0; i < 10_000; i++) {
      assertFalse(e.executionFails(0));
      fails += e.executionFails(1) ? 1 : 0;
    }
    assertEquals(0.25, fails / 10_000.0, 0.015);
  }

  @Test
  void failedExecutionsCostEnergyAndEarnNothing() {
    EconomicsConfig c = Configs.economics("verification.policy=none", "operators.sellShare=0");
    OperatorCosts costs = new OperatorCosts(0, 1, 0, 1000, 0.36, 0); // 1 kW busy, 0.36 per kWh
    Economy e = Economy.create(c, List.of(new OperatorSpec("a", Behaviour.FLAKY, 1, 1, costs)),
        new RandomStreams(1));
    e.onJobFailed(0, 3600, 10);
    EconomicsSummary s = e.close(20);
    assertEquals(1, s.jobs().failed());
    // lost: 1 kWh at 0.36 on a capital of 1 (a token of stake), over 20 s, annualized
    assertEquals(-0.36 / 20 * EmissionPolicy.YEAR, s.roi().get("flaky"), 1e-6);
    assertEquals(0, s.jobs().paid());
  }

  @Test
  void sybilsFarmPerIdentityAvailabilityRewardsButNotStakeWeightedOnes() {
    // ten honest operators with 1,000 staked each; one machine of the same stake and cost
    // presenting 40 identities, which split them: 25 staked and 1/40 of the cost each
    List<OperatorSpec> ops = new ArrayList<>();
    ops.addAll(Configs.operators(10, "honest", Behaviour.HONEST, 1000,
        Configs.fixedCostPerDay(1)));
    ops.addAll(Configs.operators(40, "sybil", Behaviour.SYBIL, 1000,
        Configs.fixedCostPerDay(1)));
    double[] sybilRoi = new double[2];
    double[] honestRoi = new double[2];
    String[] weighting = {"identity", "stake"};
    for (int w = 0; w < 2; w++) {
      EconomicsConfig c = Configs.economics("emission.initialPerDay=100", "epoch=1d",
          "behaviours.sybilIdentities=40",
          "rewards.split={compute:0,verifiers:0,treasury:0,availability:1}",
          "rewards.availabilityWeighting=" + weighting[w], "operators.joinLeave=false");
      Economy e = Economy.create(c, ops, new RandomStreams(1));
      for (int d = 1; d <= 10; d++) {
        e.tick(d * 86400.0);
      }
      EconomicsSummary s = e.close(10 * 86400.0);
      sybilRoi[w] = s.roi().get("sybil");
      honestRoi[w] = s.roi().get("honest");
    }
    // capital: hardware at 1,000 days of the fixed cost plus the stake at price 1, so 2,000
    // for the sybil entity and 20,000 for the ten honest operators; returns are per year.
    // per identity: the sybil entity takes 40/50 of 100 a day for a cost of 1 a day
    assertEquals((80 - 1) / 2000.0 * 365, sybilRoi[0], 1e-6);
    assertEquals((20 - 10) / 20000.0 * 365, honestRoi[0], 1e-6);
    // by stake the split is 1,000 : 10,000, and both earn the same return
    assertEquals((100.0 / 11 - 1) / 2000 * 365, sybilRoi[1], 1e-6);
    assertEquals(sybilRoi[1], honestRoi[1], 1e-6);
    assertTrue(sybilRoi[0] > 5 * sybilRoi[1]);
  }
}
