package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Randomized event sequences under every combination of fee, verification and emission policy
 * and slash destination, with every behaviour present, faults, downtime, deadlines, frauds,
 * correlation penalties, jailing, delegation, join/leave and a volatile price. The economy
 * checks its ledger at every epoch; here we also check the books at the end.
 */
class ConservationTest {

  @Test
  void everyPolicyConservesTokensUnderRandomEvents() {
    int runs = 0;
    for (String fee : FeePolicies.names()) {
      for (String check : VerificationPolicies.names()) {
        for (String schedule : Emissions.names()) {
          for (String dest : SlashDestination.names()) {
            for (long seed = 0; seed < 2; seed++) {
              run(fee, check, schedule, dest, seed);
              runs++;
            }
          }
        }
      }
    }
    assertEquals(4 * 4 * 5 * 2 * 2, runs);
  }

  @Test
  void manySeedsOfTheDefaultEconomy() {
    for (long seed = 0; seed < 40; seed++) {
      run("fixed", "spot-check", "exponential-decay", "burn", 100 + seed);
    }
  }

  private static void run(String fee, String check, String schedule, String dest, long seed) {
    String label = fee + "/" + check + "/" + schedule + "/" + dest + "/" + seed;
    SplittableRandom r = new SplittableRandom(seed * 31 + label.hashCode());
    EconomicsConfig c = Configs.economics(
        "token.initialSupply=1e7",
        "token.price={model:gbm,start:1,drift:0,volatility:3}",
        "emission={schedule:" + schedule + ",initialPerDay:2e4,halfLife:5d,halvingInterval:1d,"
            + "inflation:0.3,inflationStep:0.01" + (seed % 2 == 0 ? ",maxSupply:1.0001e7" : "")
            + "}",
        "fees={model:" + fee + ",pricePerGpuHour:3,pricePer1kTokens:0.01,burn:0.3,tip:0.2,"
            + "auctionPricing:" + (seed % 2 == 0 ? "second-price" : "pay-as-bid") + "}",
        "rewards.split={compute:0.5,verifiers:0.2,treasury:0.1,availability:0.2}",
        "rewards.availabilityWeighting=" + (seed % 2 == 0 ? "identity" : "stake"),
        "staking={minimum:50,unbonding:6h,delegation:0.5,commission:0.1}",
        "slashing.downtime={threshold:0.8,penalty:0.02,jail:1h}",
        "slashing.deadline.penalty=0.005",
        "slashing.fraud={penalty:0.3,correlationWindow:2h,jail:3h}",
        "slashing.destination=" + dest, "slashing.whistleblowerShare=0.3",
        "verification={policy:" + check + ",spotCheckRate:0.3,replicas:3,quorum:2,"
            + "challengePeriod:30m,delay:5m,falseAlarmRate:0.02}",
        "operators={joinLeave:true,window:6h,hysteresis:0.1,sellShare:0.5}",
        "behaviours={flakyFailRate:0.2,sybilFailRate:0.3,lazySkipRate:0.7,collusionSkipRate:0.8}",
        "epoch=1h");
    List<OperatorSpec> ops = new ArrayList<>();
    Behaviour[] all = Behaviour.values();
    for (int i = 0; i < 30; i++) {
      double stake = r.nextInt(10) == 0 ? 10 : 50 + r.nextInt(2000);
      OperatorCosts k = new OperatorCosts(1000 + r.nextInt(20000), 1095 * 86400.0, 100, 700,
          0.05 + r.nextDouble() * 0.3, r.nextInt(50));
      ops.add(new OperatorSpec("class" + (i % 3), all[i % all.length], stake,
          1 + r.nextInt(8), k));
    }
    Economy e = Economy.create(c, ops, new RandomStreams(seed));
    boolean[] offline = new boolean[ops.size()];
    double t = 0;
    double nextTick = 3600;
    double end = 3 * 86400;
    while (t < end) {
      t += -Math.log(1 - r.nextDouble()) * 40;
      while (nextTick <= t && nextTick <= end) {
        e.tick(nextTick);
        e.sample(nextTick);
        nextTick += 3600;
      }
      if (t > end) {
        break;
      }
      int o = r.nextInt(ops.size());
      int kind = r.nextInt(100);
      if (kind < 75) {
        double gpuSeconds = r.nextDouble() * 1800;
        if (e.executionFails(o)) {
          e.onJobFailed(o, gpuSeconds, t);
        } else {
          e.onJobCompleted(o, gpuSeconds, r.nextInt(2000), t);
        }
      } else if (kind < 90) {
        offline[o] = !offline[o];
        if (offline[o]) {
          e.onOffline(o, t);
        } else {
          e.onOnline(o, t);
        }
      } else if (kind < 99) {
        e.onMissedDeadline(o, t);
      } else {
        e.leave(o, t);
      }
      if (r.nextInt(50) == 0) {
        e.checkInvariants(t);
      }
    }
    EconomicsSummary s = e.close(end);
    Ledger l = e.ledger();
    l.checkInvariants(end);
    long sum = 0;
    for (int a = 0; a < l.accounts(); a++) {
      assertTrue(l.balance(a) >= 0, label + ": " + Accounts.name(a));
      sum += l.balance(a);
    }
    assertEquals(l.initial() + l.minted() - l.burned(), sum, label);
    assertEquals(l.burned(), l.flow(Cause.FEE_BURN) + l.flow(Cause.SLASH_BURN), label);
    long slashed = l.flow(Cause.SLASH_DOWNTIME) + l.flow(Cause.SLASH_DEADLINE)
        + l.flow(Cause.SLASH_FRAUD) + l.flow(Cause.SLASH_CORRELATION);
    assertEquals(slashed, l.flow(Cause.SLASH_BURN) + l.flow(Cause.SLASH_TO_TREASURY)
        + l.flow(Cause.WHISTLEBLOWER), label + ": every slashed unit went somewhere");
    assertEquals(0, l.balance(Accounts.SLASH_ESCROW), label);
    assertEquals(e.tokens(slashed), s.slashed(), 1e-6, label);
    assertEquals(s.supply().initial() + s.supply().minted() - s.supply().burned(),
        s.supply().current(), 1e-6, label);
    Double cap = c.emission().maxSupply();
    if (cap != null) {
      assertTrue(s.supply().current() <= cap + 1e-9, label);
    }
    assertTrue(s.jobs().completed() > 1000, label);
  }
}
