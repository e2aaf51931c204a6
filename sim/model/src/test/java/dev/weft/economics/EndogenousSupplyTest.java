package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Endogenous supply: twenty operators with daily costs from 0.5 to 1.5 share an emission of 40
 * tokens a day. At a price of 1 all are profitable (2 a day each). When the price falls to 0.1
 * the network pays 4 fiat a day in all, and operators leave, costliest first, until the margin
 * the rest can expect is no worse than −h: with h = 0.1, five remain (4/5 ≥ 0.9 · 0.71 but
 * 4/6 < 0.9 · 0.76). They leave over about a window (3 days), as each one's trailing margin
 * sinks below −h. When the price recovers all return at once: each expects 40/20 = 2 a day
 * against at most 1.5.
 */
class EndogenousSupplyTest {
  private static final double DAY = 86400;

  @Test
  void aPriceCrashDrivesOperatorsOutAndTheRecoveryBringsThemBack() {
    EconomicsConfig c = Configs.economics(
        "token.price={model:trace,times:0 30d 60d,prices:1 0.1 1,interpolation:step}",
        "emission={schedule:constant,initialPerDay:40}",
        "fees.pricePerGpuHour=0", "rewards.split={compute:1,verifiers:0,treasury:0}",
        "verification.policy=none", "staking={minimum:10,unbonding:14d}",
        "operators={joinLeave:true,window:3d,hysteresis:0.1}", "epoch=1h");
    List<OperatorSpec> ops = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ops.add(new OperatorSpec("gpu", Behaviour.HONEST, 100, 1,
          Configs.fixedCostPerDay(0.5 + i / 19.0)));
    }
    Economy e = Economy.create(c, ops, new RandomStreams(1));
    int[] activeByDay = new int[101];
    for (int h = 1; h <= 100 * 24; h++) {
      double t = h * 3600.0;
      // the scheduler gives work only to active operators: one job each per hour
      for (int o = 0; o < 20; o++) {
        if (e.isActive(o)) {
          e.onJobCompleted(o, 360, 0, t - 1000 + o);
        }
      }
      e.tick(t);
      if (h % 24 == 0) {
        int active = 0;
        for (int o = 0; o < 20; o++) {
          active += e.isActive(o) ? 1 : 0;
        }
        activeByDay[h / 24] = active;
      }
    }
    EconomicsSummary s = e.close(100 * DAY);
    for (int d = 1; d < 30; d++) {
      assertEquals(20, activeByDay[d], "day " + d + " before the crash");
    }
    // they leave over about a window, as trailing margins sink below -h, costliest first
    assertTrue(activeByDay[32] < 20, "the costliest leave within two days");
    for (int d = 31; d < 60; d++) {
      assertTrue(activeByDay[d] <= activeByDay[d - 1], "day " + d + ": no one returns");
    }
    for (int d = 45; d < 60; d++) {
      assertEquals(5, activeByDay[d], "day " + d + " during the crash");
    }
    for (int d = 61; d <= 100; d++) {
      assertEquals(20, activeByDay[d], "day " + d + " after the recovery");
    }
    assertEquals(15, s.operators().leaves());
    assertEquals(15, s.operators().joins());
  }

  @Test
  void theCheapestOperatorsAreTheOnesThatStay() {
    EconomicsConfig c = Configs.economics(
        "token.price={model:trace,times:0 10d,prices:1 0.1,interpolation:step}",
        "emission={schedule:constant,initialPerDay:40}",
        "fees.pricePerGpuHour=0",
        "rewards.split={compute:0,verifiers:0,treasury:0,availability:1}",
        "rewards.availabilityWeighting=identity", "verification.policy=none",
        "operators={joinLeave:true,window:3d,hysteresis:0.1}", "epoch=1h");
    List<OperatorSpec> ops = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // costs shuffled across ids so order of ids is not order of cost
      int rank = (i * 7) % 20;
      ops.add(new OperatorSpec("gpu", Behaviour.HONEST, 100, 1,
          Configs.fixedCostPerDay(0.5 + rank / 19.0)));
    }
    Economy e = Economy.create(c, ops, new RandomStreams(1));
    for (int h = 1; h <= 20 * 24; h++) {
      e.tick(h * 3600.0);
    }
    for (int i = 0; i < 20; i++) {
      int rank = (i * 7) % 20;
      assertEquals(rank < 5, e.isActive(i), "operator " + i + " of cost rank " + rank);
    }
  }
}
