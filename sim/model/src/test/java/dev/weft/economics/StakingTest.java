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

class StakingTest {
  private static final double DAY = 86400;

  private static List<OperatorSpec> stakes(double... s) {
    List<OperatorSpec> out = new ArrayList<>();
    for (double v : s) {
      out.add(new OperatorSpec("a", Behaviour.HONEST, v, 1, Configs.fixedCostPerDay(1)));
    }
    return out;
  }

  @Test
  void theMinimumStakeDecidesWhoServes() {
    EconomicsConfig c = Configs.economics("staking.minimum=1000", "operators.joinLeave=false");
    Economy e = Economy.create(c, stakes(999, 1000, 5000), new RandomStreams(1));
    assertFalse(e.isActive(0));
    assertTrue(e.isActive(1));
    assertEquals(0, e.selectionWeight(0));
    assertEquals(1000, e.selectionWeight(1), 1e-9);
    assertEquals(5000, e.selectionWeight(2), 1e-9);
    // an outsider's stake stays liquid, not bonded
    assertEquals(999, e.tokens(e.balance(Accounts.liquid(0))), 1e-9);
    assertEquals(0, e.balance(Accounts.bonded(0)));
  }

  @Test
  void verifiersAreDrawnInProportionToStake() {
    // every job spot-checked; the checked operator is never its own checker
    EconomicsConfig c = Configs.economics("verification.spotCheckRate=1",
        "rewards.split={compute:0,verifiers:1,treasury:0}", "operators.sellShare=0",
        "operators.joinLeave=false");
    Economy e = Economy.create(c, stakes(100, 100, 300, 600), new RandomStreams(5));
    for (int i = 0; i < 40_000; i++) {
      e.onJobCompleted(0, 1, 0, i * 1e-3);
    }
    e.tick(3600);
    // checks of operator 0's work go to 1, 2, 3 in proportion 1:3:6 (verification rewards)
    double total = 0;
    double[] got = new double[4];
    for (int o = 1; o < 4; o++) {
      got[o] = e.tokens(e.balance(Accounts.liquid(o)));
      total += got[o];
    }
    assertEquals(0, e.balance(Accounts.liquid(0)));
    assertEquals(0.1, got[1] / total, 0.01);
    assertEquals(0.3, got[2] / total, 0.015);
    assertEquals(0.6, got[3] / total, 0.015);
  }

  @Test
  void stakeLeavesEscrowOnlyAfterTheUnbondingPeriod() {
    // a price crash makes operator 0 (the costly one) leave; its stake unbonds over 14 days
    EconomicsConfig c = Configs.economics("staking.unbonding=14d", "epoch=1d",
        "emission.initialPerDay=10", "rewards.split={compute:0,verifiers:0,treasury:0,availability:1}",
        "rewards.availabilityWeighting=identity", "operators.window=2d",
        "operators.sellShare=0",
        "token.price={model:trace,times:0 5d,prices:1 0.01,interpolation:step}");
    List<OperatorSpec> ops = new ArrayList<>();
    ops.add(new OperatorSpec("a", Behaviour.HONEST, 500, 1, Configs.fixedCostPerDay(4)));
    ops.add(new OperatorSpec("a", Behaviour.HONEST, 500, 1, Configs.fixedCostPerDay(0.001)));
    Economy e = Economy.create(c, ops, new RandomStreams(1));
    double left = -1;
    for (int d = 1; d <= 40; d++) {
      e.tick(d * DAY);
      long unbonding = e.balance(Accounts.unbonding(0));
      if (left < 0 && unbonding > 0) {
        left = d * DAY;
        assertEquals(500, e.tokens(unbonding), 1e-9);
        assertEquals(0, e.balance(Accounts.bonded(0)));
        assertFalse(e.isActive(0));
      }
      if (left >= 0 && d * DAY < left + 14 * DAY) {
        assertEquals(500, e.tokens(e.balance(Accounts.unbonding(0))), 1e-9, "day " + d);
      }
      if (left >= 0 && d * DAY >= left + 14 * DAY) {
        assertEquals(0, e.balance(Accounts.unbonding(0)), "day " + d);
        assertTrue(e.tokens(e.balance(Accounts.liquid(0))) >= 500, "day " + d);
      }
    }
    assertTrue(left >= 5 * DAY, "operator 0 should have left after the crash, not before");
    assertTrue(e.isActive(1), "the cheap operator stays");
  }

  @Test
  void rebondingCancelsUnbondingSoALaterExitWaitsItsFullPeriod() {
    // crash, recovery, crash: operator 0 leaves, returns (re-bonding its unbonding stake) and
    // leaves again; its second exit must wait 14 days from the second exit, not the first
    EconomicsConfig c = Configs.economics("staking.unbonding=14d", "epoch=1d",
        "emission.initialPerDay=10",
        "rewards.split={compute:0,verifiers:0,treasury:0,availability:1}",
        "rewards.availabilityWeighting=identity", "operators.window=2d",
        "operators.sellShare=0", "token.price={model:trace,times:0 5d 7d 10d,"
            + "prices:1 0.01 1 0.01,interpolation:step}");
    List<OperatorSpec> ops = new ArrayList<>();
    ops.add(new OperatorSpec("a", Behaviour.HONEST, 500, 1, Configs.fixedCostPerDay(4)));
    ops.add(new OperatorSpec("a", Behaviour.HONEST, 500, 1, Configs.fixedCostPerDay(0.001)));
    Economy e = Economy.create(c, ops, new RandomStreams(1));
    List<Integer> exits = new ArrayList<>();
    boolean wasActive = true;
    for (int d = 1; d <= 40; d++) {
      e.tick(d * DAY);
      if (wasActive && !e.isActive(0)) {
        exits.add(d);
      }
      wasActive = e.isActive(0);
      if (exits.size() == 2 && d < exits.get(1) + 14) {
        assertEquals(500, e.tokens(e.balance(Accounts.unbonding(0))), 1e-9, "day " + d);
      }
    }
    assertEquals(List.of(5, 10), exits);
    assertEquals(0, e.balance(Accounts.unbonding(0)), "released 14 days after the second exit");
  }

  @Test
  void delegatorsShareRewardsAfterCommissionAndShareSlashes() {
    EconomicsConfig c = Configs.economics("staking.delegation=3", "staking.commission=0.1",
        "emission.initialPerDay=2400", "rewards.split={compute:1,verifiers:0,treasury:0}",
        "verification.policy=none", "operators.sellShare=0", "slashing.deadline.penalty=0.1",
        "operators.joinLeave=false");
    Economy e = Economy.create(c, stakes(100), new RandomStreams(1));
    assertEquals(400, e.selectionWeight(0), 1e-9);
    e.onJobCompleted(0, 60, 0, 1);
    double fee = 60 / 3600.0 * 2.0;
    e.tick(3600);
    double reward = 100 + fee;
    // delegators own 3/4 of the stake and keep 90% of its rewards
    assertEquals(reward * 0.75 * 0.9, e.tokens(e.balance(Accounts.DELEGATORS)), 1e-6);
    assertEquals(reward * (0.25 + 0.75 * 0.1), e.tokens(e.balance(Accounts.liquid(0))), 1e-6);
    e.onMissedDeadline(0, 3700);
    assertEquals(90, e.tokens(e.balance(Accounts.bonded(0))), 1e-9);
    assertEquals(270, e.tokens(e.balance(Accounts.delegated(0))), 1e-9);
  }

  @Test
  void genesisMustFitTheInitialSupply() {
    EconomicsConfig c = Configs.economics("token.initialSupply=1000");
    assertThrows(IllegalArgumentException.class,
        () -> Economy.create(c, stakes(600, 600), new RandomStreams(1)));
    EconomicsConfig huge = Configs.economics("token.initialSupply=1e11");
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> Economy.create(huge, stakes(1), new RandomStreams(1)));
    assertTrue(ex.getMessage().contains("decimals"), ex.getMessage());
    Economy.create(Configs.economics("token.initialSupply=1e11", "token.decimals=6"), stakes(1),
        new RandomStreams(1)).checkInvariants(0);
  }
}
