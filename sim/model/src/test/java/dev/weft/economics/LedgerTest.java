package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LedgerTest {

  @Test
  void transfersMintsAndBurnsConserveSupply() {
    Ledger l = new Ledger(Accounts.count(3));
    l.genesis(Accounts.MARKET, 1_000_000);
    l.genesis(Accounts.bonded(1), 500);
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      int from = r.nextInt(l.accounts());
      int to = r.nextInt(l.accounts());
      long amount = l.balance(from) == 0 ? 0 : r.nextLong(l.balance(from) + 1);
      switch (r.nextInt(4)) {
        case 0 -> l.mint(to, r.nextLong(100), Cause.EMISSION, i);
        case 1 -> l.burn(from, amount, Cause.FEE_BURN, i);
        default -> l.transfer(from, to, amount, Cause.FEE, i);
      }
      l.checkInvariants(i);
    }
    long sum = 0;
    for (int a = 0; a < l.accounts(); a++) {
      sum += l.balance(a);
    }
    assertEquals(l.initial() + l.minted() - l.burned(), sum);
    assertEquals(sum, l.supply());
    assertEquals(l.minted(), l.flow(Cause.EMISSION));
    assertEquals(l.burned(), l.flow(Cause.FEE_BURN));
  }

  @Test
  void overdraftThrowsNamingTheInvariantTimeAndAccount() {
    Ledger l = new Ledger(Accounts.count(2));
    l.genesis(Accounts.liquid(1), 10);
    InvariantViolation e = assertThrows(InvariantViolation.class,
        () -> l.transfer(Accounts.liquid(1), Accounts.MARKET, 11, Cause.SALE, 42.5));
    assertEquals("no negative balance", e.invariant());
    assertEquals(42.5, e.time());
    assertEquals("operator 1 liquid", e.entity());
    assertTrue(e.getMessage().contains("t=42.5"), e.getMessage());
    assertEquals(10, l.balance(Accounts.liquid(1)), "a refused transfer changes nothing");
    assertThrows(InvariantViolation.class, () -> l.burn(Accounts.TREASURY, 1, Cause.SLASH_BURN,
        1));
    assertThrows(InvariantViolation.class, () -> l.transfer(Accounts.liquid(1), Accounts.MARKET,
        -1, Cause.SALE, 1));
  }

  @Test
  void supplyOverflowIsAnInvariantViolation() {
    Ledger l = new Ledger(Accounts.count(0));
    l.genesis(Accounts.MARKET, Long.MAX_VALUE - 5);
    InvariantViolation e = assertThrows(InvariantViolation.class,
        () -> l.mint(Accounts.REWARD_POOL, 10, Cause.EMISSION, 3));
    assertEquals("supply fits in 64-bit base units", e.invariant());
  }

  @Test
  void genesisOnlyBeforeTheFirstMovement() {
    Ledger l = new Ledger(Accounts.count(0));
    l.genesis(Accounts.MARKET, 5);
    l.transfer(Accounts.MARKET, Accounts.TREASURY, 1, Cause.SALE, 0);
    assertThrows(IllegalStateException.class, () -> l.genesis(Accounts.MARKET, 1));
  }

  @Test
  void accountNames() {
    assertEquals("treasury", Accounts.name(Accounts.TREASURY));
    assertEquals("operator 17 bonded stake", Accounts.name(Accounts.bonded(17)));
    assertEquals("operator 0 unbonding stake", Accounts.name(Accounts.unbonding(0)));
    assertTrue(Accounts.isStake(Accounts.delegated(3)));
    assertTrue(!Accounts.isStake(Accounts.liquid(3)));
  }
}
