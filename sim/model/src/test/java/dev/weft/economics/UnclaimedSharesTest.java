package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No silent sinks: with {@code verification: none} nobody earns the verifiers' share, and it
 * goes by the stated rule instead of piling up in the verifier pool (as it did before).
 */
class UnclaimedSharesTest {

  /** Ten epochs of one GPU-hour job each at 2 per GPU-hour, token price 1: 20 tokens of fees. */
  private static Economy run(String rule) {
    EconomicsConfig c = Configs.economics("verification.policy=none",
        "fees={model:fixed,pricePerGpuHour:2,burn:0,tip:0}", "emission.schedule=none",
        "rewards.split={compute:0.7,verifiers:0.1,treasury:0.2}", "rewards.unclaimed=" + rule,
        "operators={joinLeave:false,sellShare:0}", "epoch=1h");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("a", Behaviour.HONEST, 10, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    for (int h = 0; h < 10; h++) {
      e.onJobCompleted(0, 3600, 0, h * 3600 + 1800);
      e.tick((h + 1) * 3600);
    }
    return e;
  }

  @Test
  void theVerifiersShareGoesToTheTreasuryByDefault() {
    Economy e = run("treasury");
    assertEquals(0, e.balance(Accounts.VERIFIER_POOL));
    assertEquals(20 * (0.2 + 0.1), e.tokens(e.balance(Accounts.TREASURY)), 1e-9);
    assertEquals(20 * 0.1, e.tokens(e.ledger().flow(Cause.UNCLAIMED_TO_TREASURY)), 1e-9);
    assertEquals(20 * 0.7, e.tokens(e.balance(Accounts.liquid(0))), 1e-9);
    EconomicsSummary.Pools p = e.close(10 * 3600).pools();
    assertEquals(20 * 0.1, p.unclaimedToTreasury(), 1e-9, "the report shows where it went");
    assertEquals(0, p.held().get("verifier pool"));
  }

  @Test
  void orIsBurned() {
    Economy e = run("burn");
    assertEquals(0, e.balance(Accounts.VERIFIER_POOL));
    assertEquals(20 * 0.1, e.tokens(e.ledger().burned()), 1e-9);
    assertEquals(20 * 0.2, e.tokens(e.balance(Accounts.TREASURY)), 1e-9);
  }

  @Test
  void orIsCarriedInItsPoolForAnEpochWithSomeoneToPay() {
    Economy e = run("carry");
    assertEquals(20 * 0.1, e.tokens(e.balance(Accounts.VERIFIER_POOL)), 1e-9);
    assertEquals(0, e.tokens(e.ledger().burned()), 1e-9);
    assertEquals(20 * 0.1, e.close(10 * 3600).pools().held().get("verifier pool"), 1e-9,
        "carried shares show as held");
  }
}
