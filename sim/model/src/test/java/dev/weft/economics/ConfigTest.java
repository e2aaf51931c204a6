package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.RecordDefaults;
import dev.weft.scenario.RewardSplit;
import dev.weft.scenario.VerificationConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void defaultsAreACompleteEconomy() {
    EconomicsConfig c = RecordDefaults.of(EconomicsConfig.class);
    assertEquals(1e9, c.token().initialSupply());
    assertEquals(3600, c.epoch());
    assertEquals(14 * 86400, c.staking().unbonding());
    assertEquals(18 * 86400, c.slashing().fraud().correlationWindow());
    assertEquals("spot-check", c.verification().policy());
    Economy e = Economy.create(c, Configs.operators(3, "a", Behaviour.HONEST, 1000,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    e.onJobCompleted(0, 60, 0, 1);
    e.tick(3600);
    e.close(7200).toMap();
  }

  @Test
  void theContractExampleBuilds() {
    EconomicsConfig c = Configs.economics(
        "token={symbol:FAB,initialSupply:1e9}",
        "token.price={model:gbm,start:1.0,drift:0.0,volatility:0.8}",
        "emission={schedule:exponential-decay,initialPerDay:1e6,halfLife:365d}",
        "fees={pricePerGpuHour:2.0,burn:0.5}",
        "rewards.split={compute:0.7,verifiers:0.1,treasury:0.2}",
        "staking={minimum:1000,unbonding:14d}",
        "slashing.downtime={threshold:0.9,penalty:0.01}",
        "slashing.fraud={penalty:1.0,correlationWindow:18d}",
        "verification={spotCheckRate:0.05}");
    assertEquals("FAB", c.token().symbol());
    assertEquals("gbm", c.token().price().model());
    Economy e = Economy.create(c, Configs.operators(50, "datacenter-h100", Behaviour.HONEST,
        50_000, Configs.fixedCostPerDay(100)), new RandomStreams(42));
    for (int h = 1; h <= 48; h++) {
      for (int j = 0; j < 50; j++) {
        e.onJobCompleted(j, 1800, 0, h * 3600 - 100 + j);
      }
      e.tick(h * 3600);
    }
    EconomicsSummary s = e.close(48 * 3600);
    Map<String, Object> m = s.toMap();
    assertEquals(List.of("initial", "minted", "burned", "final"),
        List.copyOf(((Map<?, ?>) m.get("supply")).keySet().stream().map(Object::toString)
            .toList()));
    assertTrue(((Map<?, ?>) m.get("roi")).containsKey("honest"));
    assertTrue(((Map<?, ?>) m.get("roi")).containsKey("lazy"));
    assertTrue(m.containsKey("slashed") && m.containsKey("gini") && m.containsKey("nakamoto"));
    assertEquals(s.supply().initial() + s.supply().minted() - s.supply().burned(),
        s.supply().current(), 1e-6);
  }

  @Test
  void recordsRejectInconsistentValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RewardSplit(0.8, 0.1, 0.2, 0));
    assertTrue(e.getMessage().startsWith("reward split must sum to 1, got 1.1"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new VerificationConfig("redundancy", 0, 2, 3, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Configs.economics(
        "emission={minInflation:0.5,maxInflation:0.1}"));
  }

  @Test
  void unknownPolicyNamesListTheKnownOnes() {
    String[][] cases = {
        {"emission.schedule=linear", "unknown emission schedule 'linear', known: none, constant,"
            + " exponential-decay, halving, adaptive"},
        {"fees.model=vcg", "unknown fee model 'vcg', known: fixed, eip1559, auction, burn-mint"},
        {"verification.policy=zk", "unknown verification policy 'zk', known: none, spot-check,"
            + " redundancy, optimistic"},
        {"slashing.destination=void", "unknown slash destination 'void', known: burn, treasury"},
        {"fees.auctionPricing=dutch", "unknown auction pricing 'dutch', known: pay-as-bid,"
            + " second-price"},
        {"rewards.availabilityWeighting=x", "unknown availability weighting 'x', known: identity,"
            + " stake"}};
    for (String[] c : cases) {
      EconomicsConfig cfg = Configs.economics(c[0]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Economy.create(cfg, List.of(), new RandomStreams(1)));
      assertEquals(c[1], e.getMessage());
    }
  }

  @Test
  void vocabularyNamesEveryPolicyField() {
    Map<String, List<String>> v = EconomicsVocabulary.byPath();
    assertEquals(Emissions.names(), v.get("economics.emission.schedule"));
    assertEquals(List.of("fixed", "eip1559", "auction", "burn-mint"), v.get("economics.fees.model"));
    assertEquals(Behaviour.names(), v.get("nodes[].behaviour"));
    assertEquals(10, v.size());
    assertEquals(List.of("treasury", "burn", "carry"), v.get("economics.rewards.unclaimed"));
    assertEquals(List.of(), EconomicsVocabulary.problems(RecordDefaults.of(EconomicsConfig.class)));
    assertEquals(2, EconomicsVocabulary.problems(Configs.economics("fees.model=x",
        "token.price.interpolation=cubic")).size());
  }
}
