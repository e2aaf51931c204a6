package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeesTest {

  @Test
  void eip1559BaseFeeFollowsTheGoldenSequence() {
    Eip1559Fees f = new Eip1559Fees(100, 0.5, 8, 1.0, 0, 1e-9);
    double[] utilization = {1.0, 1.0, 0.0, 0.5, 0.75, 0.25, 0.0};
    // each step: b + b * (u - 0.5) / 0.5 / 8
    double[] golden = {112.5, 126.5625, 110.7421875, 110.7421875, 117.663574218750,
        110.309600830078, 96.5209007263184};
    for (int i = 0; i < utilization.length; i++) {
      f.endEpoch(utilization[i]);
      assertEquals(golden[i], f.baseFee(), 1e-9, "update " + i);
    }
  }

  @Test
  void eip1559NeverMovesMoreThanAnEighth() {
    // with a low target, full utilization would be +(1-0.2)/0.2/8 = +50% unclamped
    Eip1559Fees f = new Eip1559Fees(100, 0.2, 8, 1.0, 0, 1e-9);
    f.endEpoch(1.0);
    assertEquals(112.5, f.baseFee(), 1e-12);
    f.endEpoch(0.0);
    assertEquals(112.5 * 0.875, f.baseFee(), 1e-12);
    Eip1559Fees floor = new Eip1559Fees(1e-9, 0.5, 8, 1.0, 0, 1e-9);
    floor.endEpoch(0);
    assertEquals(1e-9, floor.baseFee(), 0, "the base fee never falls below one base unit");
  }

  @Test
  void eip1559InTheEconomyRisesWithDemandAndBurnsTheBaseFee() {
    EconomicsConfig c = Configs.economics("fees.model=eip1559", "fees.pricePerGpuHour=2",
        "fees.burn=1", "fees.tip=0.5", "token.price.start=0.5", "verification.policy=none",
        "operators.sellShare=0", "epoch=1h");
    Economy e = Economy.create(c, Configs.operators(4, "a", Behaviour.HONEST, 10,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    // base fee starts at 2 fiat / 0.5 fiat per token = 4 tokens per GPU-hour
    e.onJobCompleted(0, 3600, 0, 10);
    assertEquals(4.0, e.tokens(e.ledger().burned()), 1e-9);
    assertEquals(1.0, e.tokens(e.balance(Accounts.liquid(0))), 1e-9, "tip 0.5 fiat = 1 token");
    // 4 GPUs busy the whole hour: utilization 1, base fee +12.5%
    for (int o = 0; o < 4; o++) {
      e.onJobCompleted(o, 3600, 0, 20);
    }
    e.tick(3600);
    int col = Economy.seriesColumns().indexOf("baseFee");
    assertEquals(4.5, e.sample(3600)[col], 1e-9);
    e.tick(7200);
    assertEquals(4.5 * 0.875, e.sample(7200)[col], 1e-9);
    e.checkInvariants(7200);
  }

  @Test
  void fixedPricesAreSetInFiatAndConvertedAtTheTokenPrice() {
    EconomicsConfig c = Configs.economics("fees.pricePerGpuHour=2", "fees.pricePer1kTokens=0.01",
        "fees.burn=0.25", "token.price.start=4", "verification.policy=none");
    Economy e = Economy.create(c, Configs.operators(1, "a", Behaviour.HONEST, 10,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    // 0.5 GPU-hours * 2 + 3000 output tokens * 0.01/1k = 1.03 fiat = 0.2575 tokens at 4
    e.onJobCompleted(0, 1800, 3000, 1);
    assertEquals(0.2575 * 0.25, e.tokens(e.ledger().burned()), 1e-12);
    assertEquals(0.2575 * 0.75, e.tokens(e.balance(Accounts.REWARD_POOL)), 1e-12);
  }

  @Test
  void auctionPaysOwnBidOrTheNextHigherActiveBid() {
    List<OperatorSpec> ops = new ArrayList<>();
    double[] perDay = {24, 48, 72, 240};   // cost per GPU-hour 1, 2, 3, 10
    for (double d : perDay) {
      ops.add(new OperatorSpec("a", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(d)));
    }
    for (String pricing : List.of("pay-as-bid", "second-price")) {
      EconomicsConfig c = Configs.economics("fees.model=auction", "fees.auctionPricing="
          + pricing, "fees.bidMarkup=0.5", "fees.pricePerGpuHour=6", "verification.policy=none",
          "operators.sellShare=0");
      Economy e = Economy.create(c, ops, new RandomStreams(1));
      assertEquals(1.5, e.bid(0), 1e-9);
      assertEquals(3.0, e.bid(1), 1e-9);
      assertEquals(15.0, e.bid(3), 1e-9);
      ReverseAuctionFees f = (ReverseAuctionFees) e.fees();
      if (pricing.equals("pay-as-bid")) {
        assertEquals(1.5, f.clearingPrice(0, Double.NaN), 1e-9);
        assertEquals(4.5, f.clearingPrice(2, Double.NaN), 1e-9);
      } else {
        assertEquals(3.0, f.clearingPrice(0, Double.NaN), 1e-9,
            "the cheapest competitor's bid");
        assertEquals(4.5, f.clearingPrice(1, Double.NaN), 1e-9);
        assertEquals(6.0, f.clearingPrice(2, Double.NaN), 1e-9, "capped at the reserve");
      }
      assertEquals(6.0, f.clearingPrice(3, Double.NaN), 1e-9,
          "a bid above the reserve is paid the reserve");
      e.onJobCompleted(0, 7200, 0, 1);
      double expected = pricing.equals("pay-as-bid") ? 3.0 : 6.0;
      assertEquals(0, e.balance(Accounts.REWARD_POOL), "the winner is paid, not the pool");
      assertEquals(expected, e.tokens(e.balance(Accounts.liquid(0))), 1e-9);
    }
  }

  @Test
  void secondPriceSkipsInactiveBiddersAndPaysTiesTheirBid() {
    List<OperatorSpec> ops = new ArrayList<>();
    double[] perDay = {24, 36, 48, 72, 72};
    double[] stake = {10, 10, 0, 10, 10}; // operator 2 is below the minimum: not active
    for (int i = 0; i < perDay.length; i++) {
      ops.add(new OperatorSpec("a", Behaviour.HONEST, stake[i], 1,
          Configs.fixedCostPerDay(perDay[i])));
    }
    EconomicsConfig c = Configs.economics("fees.model=auction", "fees.auctionPricing=second-price",
        "fees.bidMarkup=0", "fees.pricePerGpuHour=100", "staking.minimum=5",
        "operators.joinLeave=false");
    Economy e = Economy.create(c, ops, new RandomStreams(1));
    ReverseAuctionFees f = (ReverseAuctionFees) e.fees();
    assertEquals(false, e.isActive(2));
    assertEquals(1.5, f.clearingPrice(0, Double.NaN), 1e-9);
    assertEquals(3.0, f.clearingPrice(1, Double.NaN), 1e-9, "operator 2 (bid 2) is inactive");
    assertEquals(3.0, f.clearingPrice(3, Double.NaN), 1e-9, "a tie pays the bid");
    assertEquals(3.0, f.clearingPrice(4, Double.NaN), 1e-9, "a tie pays the bid");
  }

  @Test
  void burnAndMintBurnsTheWholeFeeAndPaysOperatorsFromEmission() {
    EconomicsConfig c = Configs.economics("fees.model=burn-mint", "fees.pricePerGpuHour=2",
        "emission.schedule=constant", "emission.initialPerDay=2400", "token.price.start=0.5",
        "rewards.split={compute:1,verifiers:0,treasury:0}",
        "verification.policy=none", "operators.sellShare=0", "operators.joinLeave=false");
    Economy e = Economy.create(c, Configs.operators(2, "a", Behaviour.HONEST, 10,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    e.onJobCompleted(0, 3600, 0, 100);
    e.onJobCompleted(1, 3 * 3600, 0, 200);
    assertEquals(16.0, e.tokens(e.ledger().burned()), 1e-9, "8 fiat at 0.5 per token");
    assertEquals(0, e.balance(Accounts.REWARD_POOL), "no fee reaches the pool");
    e.tick(3600);
    // 100 tokens minted in the hour, paid 1:3 by verified GPU-seconds
    assertEquals(25.0, e.tokens(e.balance(Accounts.liquid(0))), 1e-9);
    assertEquals(75.0, e.tokens(e.balance(Accounts.liquid(1))), 1e-9);
    EconomicsSummary s = e.close(3600);
    assertEquals(100 - 16, s.supply().current() - s.supply().initial(), 1e-6);
  }

  @Test
  void whenTheMarketRunsDryFeesGoUnpaidAndTheBooksStillBalance() {
    EconomicsConfig c = Configs.economics("token.initialSupply=20", "fees.pricePerGpuHour=2",
        "fees.tip=1", "verification.policy=none", "operators.joinLeave=false");
    Economy e = Economy.create(c, Configs.operators(2, "a", Behaviour.HONEST, 9,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    // 2 tokens on the market; the job costs 2 + a tip of 1: the tip goes unpaid first
    e.onJobCompleted(0, 3600, 0, 1);
    assertEquals(0, e.balance(Accounts.MARKET));
    assertEquals(2.0, e.tokens(e.balance(Accounts.REWARD_POOL)), 1e-9);
    assertEquals(0, e.balance(Accounts.liquid(0)));
    e.onJobCompleted(1, 3600, 0, 2);
    EconomicsSummary s = e.close(3);
    assertEquals(4.0, s.jobs().unpaidFees(), 1e-9);
    assertEquals(20, s.supply().current(), 1e-9);
  }
}
