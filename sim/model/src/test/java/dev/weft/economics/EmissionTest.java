package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmissionTest {
  private static final double DAY = 86400;

  @Test
  void exponentialDecayMatchesItsClosedFormWhateverTheEpoch() {
    double r0 = 1e6;
    double h = 365 * DAY;
    for (double epoch : new double[] {3600, 86400, 7 * 86400}) {
      ExponentialDecayEmission p = new ExponentialDecayEmission(r0, h);
      double total = 0;
      double t = 0;
      while (t < 4 * h - 1e-6) {
        total += p.amount(t, t + epoch, 0, 0);
        t += epoch;
      }
      double closed = r0 / DAY * h / Math.log(2) * (1 - Math.pow(2, -t / h));
      assertEquals(closed, total, closed * 1e-12, "epoch " + epoch);
    }
    // golden: after one half-life, r0*H/ln2/2 tokens; in the limit r0*H/ln2
    ExponentialDecayEmission p = new ExponentialDecayEmission(r0, h);
    assertEquals(r0 * 365 / Math.log(2) / 2, p.total(h), 1e-6);
    assertEquals(263_291_845.0, p.total(h), 1.0);
  }

  @Test
  void theLedgerMintsTheClosedFormToTheBaseUnit() {
    EconomicsConfig c = Configs.economics("emission.schedule=exponential-decay",
        "emission.initialPerDay=1e6", "emission.halfLife=365d", "operators.sellShare=0",
        "verification.policy=none");
    Economy e = Economy.create(c, Configs.operators(2, "a", Behaviour.HONEST, 100,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    double t = 0;
    for (int i = 0; i < 2 * 365 * 24; i++) {
      t += 3600;
      e.tick(t);
    }
    EconomicsSummary s = e.close(t);
    double closed = 1e6 / DAY * 365 * DAY / Math.log(2) * (1 - Math.pow(2, -t / (365 * DAY)));
    assertEquals(closed, s.supply().minted(), 1e-9);
    assertEquals(s.supply().initial() + s.supply().minted() - s.supply().burned(),
        s.supply().current(), 1e-6);
  }

  @Test
  void halvingsHalveAtEachInterval() {
    double r0 = 50 * 144; // 50 per block, 144 blocks a day
    double interval = 1460 * DAY;
    HalvingEmission p = new HalvingEmission(r0, interval);
    double first = r0 * 1460;
    assertEquals(first, p.total(interval), 1e-6);
    assertEquals(first * 1.5, p.total(2 * interval), 1e-6);
    assertEquals(first * 1.75, p.total(3 * interval), 1e-6);
    assertEquals(first * 1.75 + first / 8 / 2, p.total(3.5 * interval), 1e-6);
    // across a boundary, the amount is exact
    assertEquals(r0 + r0 / 2, p.amount(interval - DAY, interval + DAY, 0, 0), 1e-9);
    // the limit is twice the first interval's emission
    assertTrue(p.total(10 * interval) < 2 * first);
    assertEquals(2 * first, p.total(60 * interval), 1e-6);
  }

  @Test
  void theHardCapIsNeverExceeded() {
    for (String schedule : List.of("constant", "exponential-decay", "halving", "adaptive")) {
      EconomicsConfig c = Configs.economics("emission.schedule=" + schedule,
          "emission.initialPerDay=5e6", "emission.inflation=0.5", "emission.maxSupply=1.02e9",
          "fees.burn=0.5", "verification.policy=none");
      Economy e = Economy.create(c, Configs.operators(3, "a", Behaviour.HONEST, 1000,
          Configs.fixedCostPerDay(1)), new RandomStreams(2));
      double t = 0;
      double cap = 1.02e9 * 1e9;
      for (int i = 0; i < 200; i++) {
        for (int j = 0; j < 10; j++) {
          e.onJobCompleted(j % 3, 36_000, 0, t);
        }
        t += 86400;
        e.tick(t);
        assertTrue(e.ledger().supply() <= cap, schedule + " exceeded the cap at day " + i);
      }
      assertTrue(e.ledger().supply() > cap - 1e6 * 1e9, schedule + " should reach the cap");
      // burning makes room that minting fills again, never beyond
      assertTrue(e.ledger().burned() > 0);
      assertTrue(e.ledger().minted() > cap - 1e9 * 1e9);
    }
  }

  @Test
  void adaptiveInflationStepsTowardTheTargetStakingRatio() {
    AdaptiveInflation p = new AdaptiveInflation(0.05, 0.01, 0.5, 0.0, 0.07);
    double year = EmissionPolicy.YEAR;
    // below target: +1 point per round (capped at 7%), above: -1 point, equal: unchanged
    double[] ratios = {0.3, 0.3, 0.3, 0.3, 0.6, 0.5, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
    double[] rates = {0.06, 0.07, 0.07, 0.07, 0.06, 0.06, 0.05, 0.04, 0.03, 0.02, 0.01, 0.0,
        0.0};
    for (int i = 0; i < ratios.length; i++) {
      double minted = p.amount(0, year / 365, 1e9, ratios[i]);
      assertEquals(rates[i], p.inflationRate(), 1e-12, "round " + i);
      assertEquals(1e9 * rates[i] / 365, minted, 1e-3, "round " + i);
    }
  }

  @Test
  void adaptiveInflationInTheEconomyFollowsStaking() {
    // 1% of supply staked, far below the 50% target: inflation climbs each epoch
    EconomicsConfig c = Configs.economics("emission.schedule=adaptive", "emission.inflation=0.02",
        "emission.inflationStep=0.001", "epoch=1d", "verification.policy=none");
    Economy e = Economy.create(c, Configs.operators(10, "a", Behaviour.HONEST, 1e6,
        Configs.fixedCostPerDay(1)), new RandomStreams(3));
    e.tick(86400);
    e.tick(2 * 86400);
    assertEquals(0.022, e.sample(2 * 86400)[Economy.seriesColumns().indexOf("inflation")],
        1e-12);
    double minted = e.close(3 * 86400).supply().minted();
    double m1 = 1e9 * 0.021 / 365;
    double m2 = (1e9 + m1) * 0.022 / 365;
    double m3 = (1e9 + m1 + m2) * 0.023 / 365;
    assertEquals(m1 + m2 + m3, minted, 1e-6);
  }
}
