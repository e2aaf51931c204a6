package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endogenous price: a constant-product pool moved by the economy's trades. */
class AmmPriceTest {

  @Test
  void aNetPurchaseOrSaleMovesThePriceAlongTheCurve() {
    // x = 1000 tokens, y = 2000 fiat, k = 2e6
    AmmPrice buy = new AmmPrice(2, 1000);
    // 100 tokens bought at 2 bring 200 fiat: y = 2200, price y^2 / k
    assertEquals(2200.0 * 2200 / 2e6, buy.advance(3600, 100, 0), 1e-12);
    AmmPrice sell = new AmmPrice(2, 1000);
    // 100 tokens sold: x = 1100, price k / x^2
    assertEquals(2e6 / (1100.0 * 1100), sell.advance(3600, 0, 100), 1e-12);
    // flows are cumulative: the same totals again are no trade
    assertEquals(2e6 / (1100.0 * 1100), sell.advance(7200, 0, 100), 1e-12);
    AmmPrice both = new AmmPrice(2, 1000);
    assertEquals(2.0, both.advance(3600, 50, 50), 1e-12, "buys and sales that net out");
  }

  /**
   * Burn-and-mint: submitters buy and burn tokens worth {@code fiatPerHour}, operators are paid
   * {@code emissionPerDay} and sell all of it. The final price after {@code hours}.
   */
  private static double burnMintPrice(String model, double fiatPerHour, double hours) {
    EconomicsConfig c = Configs.economics("token.price={model:" + model + ",start:0.5,"
        + "liquidity:200}", "fees={model:burn-mint,pricePerGpuHour:" + fiatPerHour + "}",
        "emission={schedule:constant,initialPerDay:48}", "verification.policy=none",
        "rewards.split={compute:1,verifiers:0,treasury:0}",
        "operators={joinLeave:false,sellShare:1}", "epoch=1h");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("a", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    for (int h = 0; h < hours; h++) {
      e.onJobCompleted(0, 3600, 0, h * 3600 + 1800);
      e.tick((h + 1) * 3600);
    }
    e.checkInvariants(hours * 3600);
    return e.price();
  }

  @Test
  void underBurnAndMintThePriceSettlesWhereDemandBurnsWhatIsMinted() {
    // tokens burned per hour D / p equal tokens minted and sold per hour E: p* = D / E
    assertEquals(2.0 / 2.0, burnMintPrice("amm", 2, 3000), 0.01);
    assertEquals(4.0 / 2.0, burnMintPrice("amm", 4, 3000), 0.02, "twice the demand");
  }

  @Test
  void theExogenousModelsIgnoreDemand() {
    assertEquals(0.5, burnMintPrice("constant", 2, 200), 0);
    assertEquals(0.5, burnMintPrice("constant", 4, 200), 0);
    assertTrue(burnMintPrice("amm", 4, 200) > burnMintPrice("amm", 2, 200));
  }
}
