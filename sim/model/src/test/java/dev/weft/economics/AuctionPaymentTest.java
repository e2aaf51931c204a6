package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An auction pays the winner directly, at its bid or at the job's second price, never pro rata
 * from a pool: with the old pooled fees both rules paid the same operators the same amounts.
 */
class AuctionPaymentTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /** Operator 0 bids 1 and operator 1 bids 2 per GPU-hour (no markup); reserve 5, burn 10%. */
  private static Economy economy(String pricing) {
    EconomicsConfig c = Configs.economics("fees.model=auction", "fees.auctionPricing=" + pricing,
        "fees.bidMarkup=0", "fees.pricePerGpuHour=5", "fees.burn=0.1",
        "verification.policy=none", "emission.schedule=none", "operators.sellShare=0",
        "operators.joinLeave=false");
    return Economy.create(c, List.of(
        new OperatorSpec("cheap", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(24)),
        new OperatorSpec("dear", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(48))),
        new RandomStreams(1));
  }

  /**
   * Ten GPU-hour jobs won by the cheap operator against the dear one, five uncontested, and
   * five won by the dear one against a tie; the tokens each operator holds after.
   */
  private static double[] paid(String pricing) {
    Economy e = economy(pricing);
    double t = 1;
    for (int k = 0; k < 10; k++) {
      e.onJobCompleted(0, 3600, 0, 2.0, t++);
    }
    for (int k = 0; k < 5; k++) {
      e.onJobCompleted(0, 3600, 0, INF, t++);
    }
    for (int k = 0; k < 5; k++) {
      e.onJobCompleted(1, 3600, 0, 2.0, t++);
    }
    assertEquals(0, e.balance(Accounts.REWARD_POOL), "no fee is pooled");
    assertEquals(0, e.balance(Accounts.FEE_ESCROW));
    e.checkInvariants(t);
    return new double[] {e.tokens(e.balance(Accounts.liquid(0))),
        e.tokens(e.balance(Accounts.liquid(1)))};
  }

  @Test
  void payAsBidPaysEachWinnerItsOwnBid() {
    double[] p = paid("pay-as-bid");
    assertEquals(15 * 1 * 0.9, p[0], 1e-9);
    assertEquals(5 * 2 * 0.9, p[1], 1e-9);
  }

  @Test
  void secondPricePaysTheBidToBeatAndTheReserveUncontested() {
    double[] p = paid("second-price");
    assertEquals((10 * 2 + 5 * 5) * 0.9, p[0], 1e-9);
    assertEquals(5 * 2 * 0.9, p[1], 1e-9, "a tie pays the bid");
    double[] asBid = paid("pay-as-bid");
    assertTrue(p[0] + p[1] > asBid[0] + asBid[1], "second price pays more");
  }
}
