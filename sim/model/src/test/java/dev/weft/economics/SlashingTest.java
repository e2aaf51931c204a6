package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlashingTest {
  private static final double DAY = 86400;
  private static final long G = 1_000_000_000L; // base units per token at 9 decimals

  /** One single-GPU operator per behaviour with its stake, 1 fiat a day of fixed costs. */
  static List<OperatorSpec> ops(Behaviour[] b, double[] stake) {
    List<OperatorSpec> out = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      out.add(new OperatorSpec("a", b[i], stake[i], 1, Configs.fixedCostPerDay(1)));
    }
    return out;
  }

  @Test
  void correlationPenaltyGoldenValues() {
    // stake * min(3 * S, B) / B
    assertEquals(9_600_000_000L, CorrelationPenalty.amount(32 * G, 100 * G, 1000 * G, 3));
    assertEquals(32 * G, CorrelationPenalty.amount(32 * G, 334 * G, 1000 * G, 3),
        "a third of the stake slashed together forfeits everything");
    assertEquals(32 * G, CorrelationPenalty.amount(32 * G, 400 * G, 1000 * G, 3));
    assertEquals(0, CorrelationPenalty.amount(32 * G, 0, 1000 * G, 3));
    assertEquals(2, CorrelationPenalty.amount(7, 1, 10, 3), "7 * 3 / 10 = 2.1 rounds down");
    assertEquals(7, CorrelationPenalty.amount(7, 1, 0, 3), "no stake left: all of it");
    assertEquals(197_802_197_802L, CorrelationPenalty.amount(200 * G, 300 * G, 910 * G, 3));
  }

  /**
   * Lazy operators 0 and 1 (stakes 100 and 200, beside an honest 700) caught at days 1 and 2
   * under {@code c}, every job checked.
   */
  static Economy twoFrauds(EconomicsConfig c) {
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.LAZY, Behaviour.LAZY,
        Behaviour.HONEST}, new double[] {100, 200, 700}), new RandomStreams(1));
    e.onOffline(1, 0.5 * DAY); // so operator 2 checks operator 0
    e.onJobCompleted(0, 60, 0, DAY);
    e.onOnline(1, 1.5 * DAY);
    e.onJobCompleted(1, 60, 0, 2 * DAY);
    return e;
  }

  @Test
  void correlatedFraudsArePenalizedOneWindowLater() {
    EconomicsConfig c = Configs.economics("verification.spotCheckRate=1",
        "slashing.fraud.penalty=0", "slashing.fraud.correlationWindow=18d",
        "slashing.fraud.jail=60d", "slashing.downtime.penalty=0", "operators.joinLeave=false");
    Economy e = twoFrauds(c);
    assertFalse(e.isActive(0), "caught and jailed");
    assertFalse(e.isActive(1));
    e.tick(18.9 * DAY);
    assertEquals(100, e.tokens(e.balance(Accounts.bonded(0))), 1e-9, "nothing before 19 days");
    e.tick(19 * DAY);
    // S = 100 + 200 (both within 18 days either side), B = 1000: 100 * 900 / 1000
    assertEquals(10 * G, e.balance(Accounts.bonded(0)));
    e.tick(20 * DAY);
    // B is now 910: 200 * 900 / 910, rounded down to the base unit
    assertEquals(200 * G - 197_802_197_802L, e.balance(Accounts.bonded(1)));
    EconomicsSummary s = e.close(21 * DAY);
    assertEquals(90 + 197.802197802, s.slashedByCause().get("correlation"), 1e-9);
    assertEquals(0, s.slashedByCause().get("fraud"));
    assertEquals(0, s.falseSlashRate());
  }

  @Test
  void aLoneOffenderPaysLittleCorrelationPenalty() {
    EconomicsConfig c = Configs.economics("verification.spotCheckRate=1",
        "slashing.fraud.penalty=0.01", "slashing.fraud.jail=60d", "operators.joinLeave=false");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.LAZY, Behaviour.HONEST},
        new double[] {10, 990}), new RandomStreams(1));
    e.onJobCompleted(0, 60, 0, DAY);
    assertEquals(9.9, e.tokens(e.balance(Accounts.bonded(0))), 1e-9);
    e.tick(19 * DAY + 1);
    // S = 10, B = 999.9: 10 * 30 / 999.9
    assertEquals(9.9 - 10 * 30 / 999.9, e.tokens(e.balance(Accounts.bonded(0))), 1e-9);
  }

  @Test
  void downtimeBelowTheThresholdIsSlashedAndJailed() {
    EconomicsConfig c = Configs.economics("slashing.downtime={threshold:0.9,penalty:0.02,jail:2h}",
        "epoch=1h", "operators.joinLeave=false", "operators.sellShare=0");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.HONEST, Behaviour.HONEST},
        new double[] {100, 100}), new RandomStreams(1));
    e.onOffline(0, 1000);
    e.onOffline(1, 1000);
    e.onOnline(0, 1000 + 360); // 10% down: exactly at the threshold, not below
    e.onOnline(1, 1000 + 360 + 1800); // 30 minutes beyond the 6-minute allowance
    e.tick(3600);
    assertTrue(e.isActive(0));
    assertEquals(100, e.tokens(e.balance(Accounts.bonded(0))), 1e-9);
    assertFalse(e.isActive(1), "jailed for two hours");
    // 2% per hour of excess downtime, half an hour: 1% of 100
    assertEquals(99, e.tokens(e.balance(Accounts.bonded(1))), 1e-9);
    e.tick(2 * 3600);
    assertFalse(e.isActive(1));
    e.tick(3 * 3600);
    assertTrue(e.isActive(1), "released after the jail period");
    assertEquals(100, e.tokens(e.balance(Accounts.bonded(1))), 1e-9,
        "stake topped up to its target on re-entry");
    EconomicsSummary s = e.close(3 * 3600);
    assertTrue(Double.isNaN(s.falseSlashRate()), "a downtime slash is no fraud slash");
    assertEquals(1, s.slashedByCause().get("downtime"), 1e-9);
    assertEquals(1, s.operators().jailings());
  }

  /** Tokens slashed for downtime when operator 0 is offline over [from, to), epochs of {@code epoch}. */
  private static double downtimeSlashed(String epoch, double from, double to) {
    EconomicsConfig c = Configs.economics(
        "slashing.downtime={threshold:0.9,penalty:0.01,jail:0}", "epoch=" + epoch,
        "operators.joinLeave=false", "operators.sellShare=0", "emission.schedule=none");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.HONEST, Behaviour.HONEST},
        new double[] {100, 100}), new RandomStreams(1));
    double step = epoch.equals("5m") ? 300 : 3600;
    boolean down = false;
    for (double t = step; t <= 6 * 3600; t += step) {
      if (!down && from < t) {
        e.onOffline(0, from);
        down = true;
      }
      if (down && to < t && to >= t - step) {
        e.onOnline(0, to);
      }
      e.tick(t);
    }
    return e.close(6 * 3600).slashedByCause().get("downtime");
  }

  @Test
  void theSameOutageCostsTheSameWhateverTheEpochLength() {
    // offline for the whole second hour: the allowance is 10% of the time present, so 54
    // minutes count, at 1% of the stake (topped back up to 100 each epoch) per hour
    double hourly = downtimeSlashed("1h", 3600, 7200);
    double fiveMinute = downtimeSlashed("5m", 3600, 7200);
    assertEquals(0.9, hourly, 1e-9);
    assertEquals(0.9, fiveMinute, 1e-6, "12 epochs of 4.5 excess minutes each");
  }

  @Test
  void slashedTokensGoWhereConfigured() {
    for (String dest : List.of("burn", "treasury")) {
      EconomicsConfig c = Configs.economics("verification.spotCheckRate=1",
          "slashing.fraud.penalty=0.5", "slashing.fraud.correlationWindow=0",
          "slashing.destination=" + dest, "slashing.whistleblowerShare=0.2",
          "fees.pricePerGpuHour=0", "operators.sellShare=0", "operators.joinLeave=false");
      Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.LAZY, Behaviour.HONEST},
          new double[] {100, 100}), new RandomStreams(1));
      e.onJobCompleted(0, 60, 0, 1);
      assertEquals(50, e.tokens(e.balance(Accounts.bonded(0))), 1e-9);
      assertEquals(10, e.tokens(e.balance(Accounts.liquid(1))), 1e-9, "whistleblower");
      double burned = e.tokens(e.ledger().burned());
      double treasury = e.tokens(e.balance(Accounts.TREASURY));
      assertEquals(dest.equals("burn") ? 40 : 0, burned, 1e-9);
      assertEquals(dest.equals("burn") ? 0 : 40, treasury, 1e-9);
      e.checkInvariants(1);
    }
  }

  @Test
  void missedDeadlinesAreSlashedWithoutJail() {
    EconomicsConfig c = Configs.economics("slashing.deadline.penalty=0.001",
        "operators.joinLeave=false");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.FLAKY},
        new double[] {1000}), new RandomStreams(1));
    e.onMissedDeadline(0, 5);
    e.onMissedDeadline(0, 6);
    assertEquals(1000 * 0.999 * 0.999, e.tokens(e.balance(Accounts.bonded(0))), 1e-9);
    assertTrue(e.isActive(0));
    EconomicsSummary s = e.close(10);
    assertEquals(2, s.jobs().missedDeadlines());
    assertTrue(Double.isNaN(s.falseSlashRate()), "no fraud slash, so no false one");
  }

  @Test
  void slashingReachesUnbondingStake() {
    // an operator that has left is still slashed for a fraud found during its unbonding
    EconomicsConfig c = Configs.economics("verification.policy=optimistic",
        "verification.spotCheckRate=1", "verification.challengePeriod=1d",
        "slashing.fraud.penalty=1", "slashing.fraud.correlationWindow=0",
        "staking.unbonding=14d", "operators.joinLeave=false");
    Economy e = Economy.create(c, ops(new Behaviour[] {Behaviour.LAZY, Behaviour.HONEST},
        new double[] {100, 100}), new RandomStreams(1));
    e.onJobCompleted(0, 60, 0, 1);
    long fee = e.balance(Accounts.FEE_ESCROW);
    assertTrue(fee > 0, "the fee waits out the challenge period");
    e.leave(0, 10);
    assertFalse(e.isActive(0));
    assertEquals(100, e.tokens(e.balance(Accounts.unbonding(0))), 1e-9);
    e.tick(DAY);
    assertEquals(100, e.tokens(e.balance(Accounts.unbonding(0))), 1e-9, "no verdict yet");
    e.tick(DAY + 1);
    assertEquals(0, e.balance(Accounts.unbonding(0)), "slashed in full at the verdict");
    assertEquals(0, e.balance(Accounts.FEE_ESCROW));
    assertEquals(fee, e.balance(Accounts.SUBMITTERS), "the fee was refunded");
    e.tick(20 * DAY);
    assertEquals(0, e.balance(Accounts.liquid(0)), "nothing left to release");
  }
}
