package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Governance upgrades of the economy mid-run ({@link Economy#reconfigure}): each section's
 * switch rule against amounts worked out by hand from the rule and the new parameters.
 */
class UpgradeTest {
  private static final double DAY = 86400;
  private static final long G = 1_000_000_000L; // base units per token at 9 decimals

  private static List<OperatorSpec> ops(Behaviour[] b, double[] stake) {
    return SlashingTest.ops(b, stake);
  }

  private static EconomicsConfig with(EconomicsConfig c, String... sets) {
    for (String s : sets) {
      int eq = s.indexOf('=');
      c = Configs.with(c, s.substring(0, eq), s.substring(eq + 1));
    }
    return c;
  }

  @Test
  void slashesDecidedAfterTheUpgradeTakeTheNewFractionAndGoWhereItSays() {
    EconomicsConfig c = Configs.economics("verification.spotCheckRate=1",
        "slashing.fraud.penalty=0.01", "slashing.fraud.correlationWindow=0s",
        "slashing.fraud.jail=0s", "slashing.downtime.penalty=0", "operators.joinLeave=false",
        "operators.sellShare=0");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.LAZY, Behaviour.HONEST},
        new double[] {100, 900}), new RandomStreams(1));
    e.onJobCompleted(0, 60, 0, DAY);
    assertEquals(99 * G, e.balance(Accounts.bonded(0)), "1% of 100 under the old rule");
    long treasury = e.balance(Accounts.TREASURY);
    e.reconfigure(with(c, "slashing.fraud.penalty=0.1", "slashing.destination=treasury"),
        2 * DAY);
    e.onJobCompleted(0, 60, 0, 3 * DAY);
    // 10% of the 99 left, to the treasury rather than burned
    assertEquals(99 * G - 9_900_000_000L, e.balance(Accounts.bonded(0)));
    assertEquals(treasury + 9_900_000_000L, e.balance(Accounts.TREASURY));
    e.checkInvariants(3 * DAY);
  }

  @Test
  void pendingCorrelationPenaltiesMoveToTheNewWindowAndKeepTheirHistory() {
    // as SlashingTest's correlated case: two frauds at days 1 and 2, 18-day window; an
    // upgrade at day 5 shortens the window to 3 days and the multiplier to 1
    EconomicsConfig c = Configs.economics("verification.spotCheckRate=1",
        "slashing.fraud.penalty=0", "slashing.fraud.correlationWindow=18d",
        "slashing.fraud.jail=60d", "slashing.downtime.penalty=0", "operators.joinLeave=false");
    Economy e = SlashingTest.twoFrauds(c);
    e.tick(4.5 * DAY);
    e.reconfigure(with(c, "slashing.fraud.correlationWindow=3d",
        "slashing.fraud.correlationMultiplier=1"), 5 * DAY);
    assertEquals(100 * G, e.balance(Accounts.bonded(0)), "nothing due before the upgrade");
    // both were due at offence + 3 days (days 4 and 5), passed: due at the upgrade, settled
    // at the next step. Offence 1: S = 100 + 200 (both within 3 days), B = 1000, m = 1
    e.tick(5.5 * DAY);
    assertEquals(100 * G - 30 * G, e.balance(Accounts.bonded(0)));
    // offence 2: S = 300 again; both fell due together, and the total stake is taken once for
    // the penalties due together (as Ethereum takes it once per epoch): B = 1000
    assertEquals(200 * G - 60 * G, e.balance(Accounts.bonded(1)));
    e.checkInvariants(5.5 * DAY);
  }

  @Test
  void aCorrelationPenaltySwitchedOnMidRunCountsTheFraudsBeforeIt() {
    EconomicsConfig c = Configs.economics("verification.spotCheckRate=1",
        "slashing.fraud.penalty=0", "slashing.fraud.correlationWindow=18d",
        "slashing.fraud.correlationMultiplier=0", "slashing.fraud.jail=60d",
        "slashing.downtime.penalty=0", "operators.joinLeave=false");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.LAZY, Behaviour.LAZY,
        Behaviour.HONEST}, new double[] {100, 200, 700}), new RandomStreams(1));
    e.onOffline(1, 0.5 * DAY);
    e.onJobCompleted(0, 60, 0, DAY); // before: no penalty queued (multiplier 0)
    e.onOnline(1, 1.5 * DAY);
    e.reconfigure(with(c, "slashing.fraud.correlationMultiplier=3"), 1.7 * DAY);
    e.onJobCompleted(1, 60, 0, 2 * DAY); // after: queued, due at day 20
    e.tick(19.9 * DAY);
    assertEquals(200 * G, e.balance(Accounts.bonded(1)));
    e.tick(20 * DAY);
    // S counts operator 0's fraud from before the upgrade: 200 * min(3 * 300, 1000) / 1000
    assertEquals(200 * G - 180 * G, e.balance(Accounts.bonded(1)));
    assertEquals(100 * G, e.balance(Accounts.bonded(0)), "its offence predates the penalty");
  }

  @Test
  void fixedToEip1559StartsTheBaseFeeAtTheNewListPriceAtTheSwitchPrice() {
    EconomicsConfig c = Configs.economics("fees.pricePerGpuHour=2", "token.price.start=0.5",
        "verification.policy=none", "operators.sellShare=0", "epoch=1h");
    Economy e = Economy.create(c, Configs.operators(4, "a", Behaviour.HONEST, 10,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    e.onJobCompleted(0, 3600, 0, 10); // fixed: 2 fiat at 0.5 = 4 tokens to the pool
    assertEquals(4 * G, e.balance(Accounts.REWARD_POOL));
    e.reconfigure(with(c, "fees.model=eip1559", "fees.pricePerGpuHour=3", "fees.burn=1"), 20);
    // the base fee starts at the new list price 3 over the token price 0.5: 6 tokens
    assertEquals(6.0, e.fees().baseFee(), 1e-12);
    e.onJobCompleted(1, 1800, 0, 30);
    assertEquals(3 * G, e.ledger().burned(), "half a GPU-hour at 6, all burned");
    for (int o = 0; o < 4; o++) {
      e.onJobCompleted(o, 3600, 0, 40);
    }
    e.tick(3600);
    // utilization 1 over the first epoch: +12.5% (target 0.5, denominator 8)
    int col = Economy.seriesColumns().indexOf("baseFee");
    assertEquals(6.75, e.sample(3600)[col], 1e-9);
    // a change of EIP-1559's parameters keeps the base fee and steers by the new ones
    e.reconfigure(with(c, "fees.model=eip1559", "fees.pricePerGpuHour=3", "fees.burn=1",
        "fees.maxChangeDenominator=4"), 3700);
    assertEquals(6.75, e.fees().baseFee(), 1e-12, "the base fee carries over");
    e.tick(7200); // no work: utilization 0, -1/4
    assertEquals(6.75 * 0.75, e.sample(7200)[col], 1e-9);
    e.checkInvariants(7200);
  }

  @Test
  void escrowedAuctionFeesSettleAsPricedAfterASwitchToFixedPrices() {
    List<OperatorSpec> ops = new ArrayList<>();
    for (double d : new double[] {24, 48}) { // cost per GPU-hour 1 and 2
      ops.add(new OperatorSpec("a", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(d)));
    }
    EconomicsConfig c = Configs.economics("fees.model=auction", "fees.bidMarkup=0.5",
        "fees.pricePerGpuHour=6", "verification.policy=optimistic",
        "verification.spotCheckRate=0", "verification.challengePeriod=1h",
        "operators.sellShare=0", "operators.joinLeave=false", "epoch=1d");
    Economy e = Economy.create(c, ops, new RandomStreams(1));
    e.onJobCompleted(0, 7200, 0, 10); // pay-as-bid: 2 GPU-hours at 1.5 = 3 tokens, escrowed
    e.reconfigure(with(c, "fees.model=fixed", "fees.pricePerGpuHour=6", "fees.bidMarkup=0.5",
        "verification.policy=optimistic", "verification.spotCheckRate=0",
        "verification.challengePeriod=1h"), 20);
    e.onJobCompleted(1, 3600, 0, 30); // fixed: 6 tokens, to the pool at its verdict
    e.sample(3700); // both verdicts due
    assertEquals(3 * G, e.balance(Accounts.liquid(0)), "the auction's price, paid to it");
    assertEquals(6 * G, e.balance(Accounts.REWARD_POOL), "only the fixed-price fee is pooled");
    assertEquals(0, e.balance(Accounts.liquid(1)));
  }

  @Test
  void emissionSwitchesAtTheNextEpochEndAndHalvingsCountFromGenesis() {
    EconomicsConfig c = Configs.economics("emission.schedule=constant",
        "emission.initialPerDay=1000", "verification.policy=none", "operators.sellShare=0",
        "epoch=1d");
    Economy e = Economy.create(c, Configs.operators(2, "a", Behaviour.HONEST, 100,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    for (int d = 1; d <= 3; d++) {
      e.tick(d * DAY);
    }
    assertEquals(3000 * G, e.ledger().flow(Cause.EMISSION));
    // halving from 4000 a day every 2 days, adopted at day 3.5: the epoch [3, 4] is in the
    // second interval (2000 a day), [4, 5] in the third (1000 a day)
    e.reconfigure(with(c, "emission.schedule=halving", "emission.initialPerDay=4000",
        "emission.halvingInterval=2d"), 3.5 * DAY);
    e.tick(4 * DAY);
    assertEquals(5000 * G, e.ledger().flow(Cause.EMISSION));
    e.tick(5 * DAY);
    assertEquals(6000 * G, e.ledger().flow(Cause.EMISSION));
    // a cap counts what is already in supply: room for 300 more tokens
    double supply = e.tokens(e.ledger().supply());
    e.reconfigure(with(c, "emission.schedule=halving", "emission.initialPerDay=4000",
        "emission.halvingInterval=2d", "emission.maxSupply=" + (supply + 300)), 5 * DAY);
    e.tick(6 * DAY);
    e.tick(7 * DAY);
    assertEquals(6300 * G, e.ledger().flow(Cause.EMISSION));
  }

  @Test
  void adaptiveInflationContinuesFromTheRateReached() {
    EconomicsConfig c = Configs.economics("emission.schedule=adaptive", "emission.inflation=0.02",
        "emission.inflationStep=0.001", "epoch=1d", "verification.policy=none");
    Economy e = Economy.create(c, Configs.operators(10, "a", Behaviour.HONEST, 1e6,
        Configs.fixedCostPerDay(1)), new RandomStreams(3));
    e.tick(DAY);
    e.tick(2 * DAY); // 0.021, 0.022: staking far below the 50% target
    e.reconfigure(with(c, "emission.inflationStep=0.005"), 2 * DAY);
    e.tick(3 * DAY);
    int col = Economy.seriesColumns().indexOf("inflation");
    assertEquals(0.027, e.sample(3 * DAY)[col], 1e-12, "0.022 plus the new step");
  }

  @Test
  void sectionsThatHoldStateCannotChange() {
    EconomicsConfig c = Configs.economics();
    Economy e = Economy.create(c, Configs.operators(2, "a", Behaviour.HONEST, 100,
        Configs.fixedCostPerDay(1)), new RandomStreams(1));
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> e.reconfigure(with(c, "token.initialSupply=5"), 10));
    assertTrue(x.getMessage().contains("fees"), x.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> e.reconfigure(with(c, "staking.delegation=2"), 10), "delegation is genesis state");
    assertThrows(IllegalArgumentException.class,
        () -> e.reconfigure(with(c, "epoch=5m"), 10), "the clock");
  }

  @Test
  void aRaisedMinimumStakeIsToppedUpAtOnceAndALowerOneAsksNobodyToUnbond() {
    EconomicsConfig c = Configs.economics("staking.minimum=50", "operators.joinLeave=false",
        "operators.sellShare=0", "emission.schedule=none", "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.HONEST, Behaviour.HONEST},
        new double[] {100, 300}), new RandomStreams(1));
    long bought = e.ledger().flow(Cause.PURCHASE);
    e.reconfigure(with(c, "staking.minimum=200"), DAY);
    // operator 0 buys the 100 it lacks; operator 1 already holds more than 200
    assertEquals(200 * G, e.balance(Accounts.bonded(0)));
    assertEquals(300 * G, e.balance(Accounts.bonded(1)));
    assertEquals(bought + 100 * G, e.ledger().flow(Cause.PURCHASE));
    assertTrue(e.isActive(0) && e.isActive(1));
    e.reconfigure(with(c, "staking.minimum=10"), 2 * DAY);
    e.tick(3 * DAY);
    assertEquals(200 * G, e.balance(Accounts.bonded(0)), "targets never fall");
    e.checkInvariants(3 * DAY);
  }

  @Test
  void aShorterUnbondingPeriodAppliesToUnbondingsStartedAfterIt() {
    EconomicsConfig c = Configs.economics("staking.unbonding=10d", "operators.joinLeave=false",
        "operators.sellShare=0", "emission.schedule=none", "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.HONEST, Behaviour.HONEST,
        Behaviour.HONEST}, new double[] {100, 100, 100}), new RandomStreams(1));
    e.leave(0, DAY); // due at day 11 under the old period
    e.reconfigure(with(c, "staking.unbonding=1d"), 2 * DAY);
    e.leave(1, 3 * DAY); // due at day 4, ahead of operator 0's older entry
    e.tick(4 * DAY);
    assertEquals(0, e.balance(Accounts.unbonding(1)));
    assertEquals(100 * G, e.balance(Accounts.liquid(1)));
    assertEquals(100 * G, e.balance(Accounts.unbonding(0)), "keeps its due time, day 11");
    e.tick(10 * DAY);
    assertEquals(100 * G, e.balance(Accounts.unbonding(0)));
    e.tick(11 * DAY);
    assertEquals(0, e.balance(Accounts.unbonding(0)));
    assertEquals(100 * G, e.balance(Accounts.liquid(0)));
    e.checkInvariants(11 * DAY);
  }

  @Test
  void unclaimedSharesGoByTheRuleInForceAtEachPayout() {
    // UnclaimedSharesTest's economy: 2 tokens of fees an hour, the verifiers' 10% unclaimed;
    // to the treasury for 5 epochs, then burned for 5
    EconomicsConfig c = Configs.economics("verification.policy=none",
        "fees={model:fixed,pricePerGpuHour:2,burn:0,tip:0}", "emission.schedule=none",
        "rewards.split={compute:0.7,verifiers:0.1,treasury:0.2}", "rewards.unclaimed=treasury",
        "operators={joinLeave:false,sellShare:0}", "epoch=1h");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("a", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    for (int h = 0; h < 10; h++) {
      if (h == 5) {
        e.reconfigure(with(c, "rewards.unclaimed=burn"), 5 * 3600);
      }
      e.onJobCompleted(0, 3600, 0, h * 3600 + 1800);
      e.tick((h + 1) * 3600);
    }
    assertEquals(5 * 2 * 0.1, e.tokens(e.ledger().flow(Cause.UNCLAIMED_TO_TREASURY)), 1e-9);
    assertEquals(5 * 2 * 0.1, e.tokens(e.ledger().flow(Cause.UNCLAIMED_BURN)), 1e-9);
    e.checkInvariants(10 * 3600);
  }

  @Test
  void aMinimumRaisedHalfwayCountsTheRaisedStakeAsCapitalFromThenOn() {
    // hardware 8,760 (1 an hour over a year), stake 100 at price 1; the minimum goes from 50 to
    // 300 at 5 h of a 10 h run: the stake tied up is 100 for 5 h and 300 for 5 h, a mean of 200
    OperatorCosts k = new OperatorCosts(8760, 365 * 86400.0, 0, 0, 0.5, 0);
    EconomicsConfig c = Configs.economics("verification.policy=none", "staking.minimum=50",
        "operators.sellShare=0", "operators.joinLeave=false", "epoch=1h",
        "emission.schedule=none", "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, List.of(new OperatorSpec("h100", Behaviour.HONEST, 100, 1, k)),
        new RandomStreams(1));
    for (int h = 1; h <= 10; h++) {
      if (h == 6) {
        e.reconfigure(with(c, "staking.minimum=300"), 5 * 3600);
      }
      e.tick(h * 3600);
    }
    EconomicsSummary s = e.close(10 * 3600);
    assertEquals(8760 + 200, s.returns().get(0).capital(), 1e-9);
    assertEquals(8760 + 200, s.operatorLedger().get(0).capital(), 1e-9);
    // profit: 10 h of amortization at 1 an hour, nothing earned
    assertEquals(-10.0 / (8960 * 10 * 3600) * 365 * 86400, s.roi().get("honest"), 1e-9);
  }

  @Test
  void feesPooledBeforeASwitchToTokenPricesStayFiatPriced() {
    // one GPU-hour job at 2 per GPU-hour before the switch (fiat-priced), one after it under
    // EIP-1559 (token-priced, base fee 2 tokens at price 1): the epoch pays 4 tokens, half of
    // them fiat-priced revenue, which the break-even price holds in fiat
    EconomicsConfig c = Configs.economics("verification.policy=none",
        "fees={model:fixed,pricePerGpuHour:2,burn:0,tip:0}", "emission.schedule=none",
        "rewards.split={compute:1,verifiers:0,treasury:0}", "operators.sellShare=0",
        "operators.joinLeave=false", "epoch=1h", "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("a", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    e.onJobCompleted(0, 3600, 0, 900);
    e.reconfigure(with(c, "fees={model:eip1559,pricePerGpuHour:2,burn:0,tip:0}"), 1800);
    e.onJobCompleted(0, 3600, 0, 2700);
    e.tick(3600);
    EconomicsSummary.OperatorLedger o = e.close(3600).operatorLedger().get(0);
    assertEquals(4, o.revenue(), 1e-9);
    assertEquals(2, o.fiatPricedRevenue(), 1e-9, "the half pooled before the switch");
  }

  @Test
  void aFeeEscrowedBeforeASwitchCountsAsPricedWhenItSettlesAfter() {
    // priced in fiat at t = 600, its verdict due an hour later, after the switch to EIP-1559
    // at 1200: pooled at 4200 and paid at the epoch end 7200, still fiat-priced revenue
    EconomicsConfig c = Configs.economics("verification={policy:spot-check,spotCheckRate:0,"
            + "delay:1h}",
        "fees={model:fixed,pricePerGpuHour:2,burn:0,tip:0}", "emission.schedule=none",
        "rewards.split={compute:1,verifiers:0,treasury:0}", "operators.sellShare=0",
        "operators.joinLeave=false", "epoch=1h", "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("a", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    e.onJobCompleted(0, 3600, 0, 600);
    e.reconfigure(with(c, "fees={model:eip1559,pricePerGpuHour:2,burn:0,tip:0}"), 1200);
    e.tick(3600);
    e.tick(7200);
    EconomicsSummary.OperatorLedger o = e.close(7200).operatorLedger().get(0);
    assertEquals(2, o.revenue(), 1e-9);
    assertEquals(2, o.fiatPricedRevenue(), 1e-9);
  }
}
