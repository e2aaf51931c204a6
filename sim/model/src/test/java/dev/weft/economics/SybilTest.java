package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Sybil operator is several identities of one machine, not a flaky node under another name
 * (the two were bit-identical at equal failure rates): one stake split, one machine's costs
 * shared, downtime together, and rewards per identity where the protocol pays per identity.
 */
class SybilTest {

  /** Four Sybil nodes (one machine at four identities) and one honest node, stake 100 each. */
  private static List<OperatorSpec> fleet(Behaviour first) {
    List<OperatorSpec> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      out.add(new OperatorSpec("a", first, 100, 1, Configs.fixedCostPerDay(8)));
    }
    out.add(new OperatorSpec("a", Behaviour.HONEST, 100, 1, Configs.fixedCostPerDay(8)));
    return out;
  }

  private static Economy economy(Behaviour first, String weighting) {
    EconomicsConfig c = Configs.economics("behaviours.sybilIdentities=4",
        "rewards.split={compute:0,verifiers:0,treasury:0,availability:1}",
        "rewards.availabilityWeighting=" + weighting,
        "emission={schedule:constant,initialPerDay:2400}", "verification.policy=none",
        "operators={joinLeave:false,sellShare:0}", "slashing.downtime.penalty=0", "epoch=1h");
    return Economy.create(c, fleet(first), new RandomStreams(1));
  }

  @Test
  void theIdentitiesSplitOneStakeAndOneMachinesCosts() {
    Economy e = economy(Behaviour.SYBIL, "stake");
    for (int i = 0; i < 4; i++) {
      assertEquals(25, e.tokens(e.balance(Accounts.bonded(i))), 1e-9);
      assertEquals(8 / 86400.0 / 4, e.operators().fixedPerSecond[i], 1e-15);
    }
    assertEquals(100, e.tokens(e.balance(Accounts.bonded(4))), 1e-9);
    Economy flaky = economy(Behaviour.FLAKY, "stake");
    assertEquals(100, flaky.tokens(flaky.balance(Accounts.bonded(0))), 1e-9,
        "a flaky node is a machine of its own");
  }

  @Test
  void oneIdentitysOutageTakesTheWholeMachineDown() {
    Economy e = economy(Behaviour.SYBIL, "stake");
    e.onOffline(2, 100);
    for (int i : new int[] {0, 1, 3}) {
      assertFalse(e.isActive(i), "identity " + i + " shares the machine");
      assertEquals(0, e.selectionWeight(i), "and takes no work");
    }
    assertTrue(e.isActive(4));
    e.onOnline(2, 200);
    for (int i = 0; i < 4; i++) {
      assertTrue(e.isActive(i));
    }
    Economy flaky = economy(Behaviour.FLAKY, "stake");
    flaky.onOffline(2, 100);
    assertTrue(flaky.isActive(1), "flaky nodes fail alone");
  }

  /** Share of a day's availability rewards the first four operators receive. */
  private static double firstFourShare(Behaviour first, String weighting) {
    Economy e = economy(first, weighting);
    for (int h = 1; h <= 24; h++) {
      e.tick(h * 3600);
    }
    double four = 0;
    for (int i = 0; i < 4; i++) {
      four += e.tokens(e.balance(Accounts.liquid(i)));
    }
    return four / (four + e.tokens(e.balance(Accounts.liquid(4))));
  }

  @Test
  void perIdentityRewardsPayTheMachineOncePerIdentity() {
    assertEquals(0.8, firstFourShare(Behaviour.SYBIL, "identity"), 1e-9, "4 identities of 5");
    assertEquals(0.5, firstFourShare(Behaviour.SYBIL, "stake"), 1e-9,
        "by stake the machine is one operator among two");
    assertEquals(0.8, firstFourShare(Behaviour.FLAKY, "stake"), 1e-9,
        "four flaky machines hold four stakes");
  }
}
