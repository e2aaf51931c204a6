package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.CostsConfig;
import dev.weft.scenario.EconomicsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorEconomicsTest {

  @Test
  void costsComeFromCatalogFiguresOrConfiguredDefaults() {
    CostsConfig c = new CostsConfig(0.10, Map.of("eu-west", 0.25), 1095 * 86400.0, 30, 25000,
        700, 0.3);
    OperatorCosts k = OperatorCosts.of(c, "eu-west", 8, null, null, null);
    assertEquals(200_000, k.purchasePrice(), 1e-9);
    assertEquals(5600, k.busyWatts(), 1e-9);
    assertEquals(1680, k.idleWatts(), 1e-9);
    assertEquals(0.25, k.energyPrice());
    assertEquals(200_000 / (1095 * 86400.0) + 30 / (30 * 86400.0), k.fixedPerSecond(), 1e-15);
    assertEquals(1.68 * 0.25 / 3600, k.idlePerSecond(), 1e-15);
    assertEquals(3.92 / 8 * 0.25 / 3600, k.busyPerGpuSecond(8), 1e-15);
    assertEquals((k.fixedPerSecond() + 5.6 * 0.25 / 3600) * 3600 / 8, k.costPerGpuHour(8),
        1e-12);
    OperatorCosts catalog = OperatorCosts.of(c, "us-east", 1, 2000.0, 450.0, 25.0);
    assertEquals(2000, catalog.purchasePrice());
    assertEquals(450, catalog.busyWatts());
    assertEquals(25, catalog.idleWatts(), "the catalog's idle power, not 30% of busy");
    assertEquals(0.10, catalog.energyPrice(), "no regional price: the default");
  }

  @Test
  void roiAndBreakEvenPriceOfASimpleOperator() {
    // amortization 1 per hour, idle 100 W and busy 500 W at 0.5 per kWh
    OperatorCosts k = new OperatorCosts(8760, 365 * 86400.0, 100, 500, 0.5, 0);
    EconomicsConfig c = Configs.economics("verification.policy=none",
        "rewards.split={compute:1,verifiers:0,treasury:0}", "fees.pricePerGpuHour=2",
        "operators.sellShare=0", "operators.joinLeave=false", "epoch=1h",
        "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, List.of(new OperatorSpec("h100", Behaviour.HONEST, 10, 1, k)),
        new RandomStreams(1));
    for (int h = 0; h < 10; h++) {
      if (h < 4) {
        e.onJobCompleted(0, 3600, 0, h * 3600 + 1800);
      }
      if (h == 5) {
        e.onOffline(0, h * 3600);
      }
      if (h == 7) {
        e.onOnline(0, h * 3600);
      }
      e.tick((h + 1) * 3600);
    }
    EconomicsSummary s = e.close(10 * 3600);
    // revenue 8; cost 10 * 1 + 8 online hours * 0.05 + 4 GPU-hours * 0.2 = 11.2; capital
    // 8760 of hardware + 10 tokens at 1, all 10 hours: -3.2 per 10 h on 8770, 876 times a year
    double roi = -3.2 / 8770 * 876;
    assertEquals(roi, s.roi().get("honest"), 1e-9);
    assertEquals(roi, s.roiByClass().get("h100"), 1e-9);
    assertEquals(roi, s.returns().get(0).roi(), 1e-9);
    assertEquals(-3.2 / 8770, s.returns().get(0).windowReturn(), 1e-12);
    // all revenue is fees set in fiat (8 < 11.2 at any token price), no token revenue
    assertEquals("none", s.breakEven().get("h100").profitsWhen());
    assertTrue(Double.isNaN(s.roi().get("lazy")), "absent behaviours have no return");
  }
}
