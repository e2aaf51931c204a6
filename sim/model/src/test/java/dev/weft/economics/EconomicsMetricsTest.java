package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary's token-economic figures against hand-worked cases (METRICS.md, "Token
 * economics"): inflation as net issuance with one-off events apart, the break-even price with
 * fiat-priced fees held in fiat, the false-slash rate, and circulating-supply ratios.
 */
class EconomicsMetricsTest {
  private static final double DAY = 86400;

  @Test
  void constantEmissionWithAOneOffSlashIsInflation365EOverS() {
    double e = 1e5;
    double s = 1e9;
    EconomicsConfig c = Configs.economics("emission.schedule=constant",
        "emission.initialPerDay=" + e, "token.initialSupply=" + s, "epoch=1d",
        "slashing.downtime={threshold:0.9,penalty:0.025}", "operators.joinLeave=false",
        "operators.sellShare=0", "verification.policy=none");
    Economy econ = Economy.create(c, Configs.operators(2, "a", Behaviour.HONEST, 1e6,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    econ.tick(DAY);
    // down all of day 2: 2.5% of its stake per hour beyond the 2.4-hour allowance, 21.6
    // hours, so 54% of it is slashed and burned
    econ.onOffline(0, DAY);
    econ.tick(2 * DAY);
    int col = Economy.seriesColumns().indexOf("inflation");
    // the series: the day just ended, on the supply it began with; the burn is not issuance
    assertEquals(365 * e / (s + e), econ.sample(2 * DAY)[col], 1e-12);
    econ.onOnline(0, 2 * DAY);
    econ.tick(3 * DAY);
    econ.tick(4 * DAY);
    EconomicsSummary sum = econ.close(4 * DAY);
    assertEquals(5.4e5, sum.slashedByCause().get("downtime"), 1e-6);
    assertEquals(365 * e / s, sum.inflation(), 1e-12, "4 days of E on S, annualized");
    assertEquals(365 * e / s, sum.issuance(), 1e-12);
    assertEquals(-5.4e5 / s, sum.oneOffBurn(), 1e-15, "the slash burn, once, not annualized");
    // compounding the supply change, slash included, over a year instead gives a deflation
    double compounded = Math.pow(sum.supply().current() / s, 365 / 4.0) - 1;
    assertTrue(compounded < 0, "the old figure: " + compounded);
  }

  @Test
  void inflationIsNetOfFeeBurns() {
    EconomicsConfig c = Configs.economics("emission.schedule=constant",
        "emission.initialPerDay=1000", "token.initialSupply=1e6", "epoch=1d",
        "fees.pricePerGpuHour=10", "fees.burn=0.5", "operators.joinLeave=false",
        "operators.sellShare=0", "verification.policy=none", "slashing.downtime.penalty=0");
    Economy econ = Economy.create(c, Configs.operators(1, "a", Behaviour.HONEST, 100,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    for (int d = 0; d < 2; d++) {
      econ.onJobCompleted(0, 3600, 0, d * DAY + 100); // 10 tokens, 5 burned
      econ.tick((d + 1) * DAY);
    }
    EconomicsSummary sum = econ.close(2 * DAY);
    assertEquals((2000 - 10) / 1e6 * 365 / 2, sum.inflation(), 1e-12);
  }

  @Test
  void breakEvenPriceHoldsFiatPricedFeesInFiat() {
    // cost 10 a day for 2 days; fees 2 fiat a day (one GPU-hour at 2), emission 100 tokens a
    // day: profit(p) = 4 + 200 p - 20 = 0 at p = 0.08 whatever the token price was
    for (double price : new double[] {1.0, 0.5}) {
      EconomicsSummary s = breakEvenCase(price, 10);
      EconomicsSummary.BreakEven b = s.breakEven().get("gpu");
      assertEquals(0.08, b.price(), 1e-9, "at price " + price);
      assertEquals("above", b.profitsWhen());
    }
    EconomicsSummary.BreakEven cheap = breakEvenCase(1.0, 1).breakEven().get("gpu");
    assertEquals("any", cheap.profitsWhen(), "fees alone (4) cover costs (2)");
  }

  private static EconomicsSummary breakEvenCase(double price, double costPerDay) {
    EconomicsConfig c = Configs.economics("emission.schedule=constant",
        "emission.initialPerDay=100", "epoch=1d", "token.price.start=" + price,
        "fees.pricePerGpuHour=2", "rewards.split={compute:1,verifiers:0,treasury:0}",
        "operators.joinLeave=false", "operators.sellShare=0", "verification.policy=none",
        "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, List.of(new OperatorSpec("gpu", Behaviour.HONEST, 10, 1,
        new OperatorCosts(0, DAY, 0, 0, 0, costPerDay * 30))), new RandomStreams(1));
    for (int d = 0; d < 2; d++) {
      e.onJobCompleted(0, 3600, 0, d * DAY + 100);
      e.tick((d + 1) * DAY);
    }
    return e.close(2 * DAY);
  }

  @Test
  void solvingProfitOfPriceSaysWhichSideProfits() {
    // profit(p) = F + p T - C
    assertEquals(2.0, OperatorReturns.solve(10, -5, 0).price(), 1e-12);
    assertEquals("below", OperatorReturns.solve(10, -5, 0).profitsWhen());
    assertEquals("none", OperatorReturns.solve(0, -1, 5).profitsWhen());
    assertEquals("none", OperatorReturns.solve(1, 0, 5).profitsWhen());
    assertEquals("any", OperatorReturns.solve(6, 0, 5).profitsWhen());
    assertEquals(0.5, OperatorReturns.solve(1, 8, 5).price(), 1e-12);
  }

  @Test
  void falseSlashesAreFraudSlashesOfCorrectResults() {
    // a false alarm on every check: each fraud slash hits a correct result
    EconomicsConfig alarm = Configs.economics("verification.spotCheckRate=1",
        "verification.falseAlarmRate=1", "slashing.fraud.penalty=0.001",
        "slashing.fraud.correlationWindow=0", "operators.joinLeave=false");
    Economy e = Economy.create(alarm, Configs.operators(3, "a", Behaviour.HONEST, 100,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    e.onJobCompleted(0, 60, 0, 1);
    EconomicsSummary s = e.close(2);
    assertEquals(1, s.jobs().fraudSlashes());
    assertEquals(1.0, s.falseSlashRate());
    // a lazy operator caught without false alarms: a true slash; downtime does not count
    EconomicsConfig fair = Configs.economics("verification.spotCheckRate=1",
        "slashing.fraud.penalty=0.001", "slashing.fraud.correlationWindow=0",
        "slashing.downtime={threshold:0.9,penalty:0.01}", "epoch=1h",
        "operators.joinLeave=false", "behaviours.lazySkipRate=1");
    Economy f = Economy.create(fair, List.of(
        new OperatorSpec("a", Behaviour.LAZY, 100, 1, Configs.fixedCostPerDay(1)),
        new OperatorSpec("a", Behaviour.HONEST, 100, 1, Configs.fixedCostPerDay(1)),
        new OperatorSpec("a", Behaviour.HONEST, 100, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    f.onOffline(2, 10); // operator 2 misses the epoch: a downtime slash of an honest operator
    f.onJobCompleted(0, 60, 0, 20);
    EconomicsSummary t = f.close(3600);
    assertTrue(t.slashedByCause().get("downtime") > 0);
    assertEquals(1, t.jobs().fraudSlashes());
    assertEquals(0.0, t.falseSlashRate());
  }

  @Test
  void circulatingSupplyLeavesOutWhatTheProtocolHolds() {
    EconomicsConfig c = Configs.economics("emission.schedule=constant",
        "emission.initialPerDay=1000", "token.initialSupply=1e6", "epoch=1d",
        "rewards.split={compute:0.5,verifiers:0,treasury:0.5}", "rewards.unclaimed=carry",
        "operators.joinLeave=false",
        "verification.policy=none", "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, Configs.operators(1, "a", Behaviour.HONEST, 1000,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    e.tick(DAY); // no verified work: the compute half rolls over in its pool
    EconomicsSummary s = e.close(DAY);
    assertEquals(500, s.treasury(), 1e-9);
    assertEquals(1e6 + 1000 - 500 - 500, s.circulatingSupply(), 1e-6);
    assertEquals(1000 / 1.001e6, s.stakingRatio(), 1e-12);
    assertEquals(1000 / 1e6, s.stakingRatioCirculating(), 1e-12);
  }
}
