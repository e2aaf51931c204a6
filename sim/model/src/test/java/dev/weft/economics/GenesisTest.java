package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenesisTest {

  @Test
  void membersBondTheirStakeWithDelegationOutsidersKeepItLiquidTheMarketHoldsTheRest() {
    // 100 units a token, minimum stake 10 tokens, delegation 0.5 of own stake, 1000 tokens
    List<OperatorSpec> specs = List.of(Fixtures.operator(Behaviour.HONEST, 100),
        Fixtures.operator(Behaviour.HONEST, 5));
    Books b = Fixtures.books(100, 1000, specs);
    Genesis.allocate(b, specs, 1000, 0.5);
    Ledger l = b.ledger;
    assertEquals(10_000, l.balance(Accounts.bonded(0)));
    assertEquals(5_000, l.balance(Accounts.delegated(0)));
    assertEquals(0, l.balance(Accounts.liquid(0)));
    // below the minimum: liquid, no delegation, an outsider aiming at the minimum if it joins
    assertEquals(0, l.balance(Accounts.bonded(1)));
    assertEquals(500, l.balance(Accounts.liquid(1)));
    assertEquals(0, l.balance(Accounts.delegated(1)));
    assertEquals(100_000 - 10_000 - 5_000 - 500, l.balance(Accounts.MARKET));
    assertEquals(100_000, l.supply());
    assertArrayEquals(new long[] {10_000, 1000}, b.ops.targetStake);
    assertTrue(b.ops.participating[0]);
    assertFalse(b.ops.participating[1]);
    assertTrue(b.isActive(0));
    assertFalse(b.isActive(1));
    assertEquals(1, b.activeCount);
    // selectable by stake plus one unit; the outsider not at all
    assertEquals(15_001, b.selectable.get(0));
    assertEquals(0, b.selectable.get(1));
    l.checkInvariants(0);
  }
}
