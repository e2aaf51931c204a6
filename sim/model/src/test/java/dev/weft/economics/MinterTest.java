package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MinterTest {

  /** Books in whole-token units with {@code market} tokens at the market and no operators. */
  private static Books market(long market) {
    Books b = Fixtures.books(1, 0, List.of());
    b.ledger.genesis(Accounts.MARKET, market);
    return b;
  }

  @Test
  void theRoundedCumulativeScheduleIsMintedSoFractionsAreNotLost() {
    // 0.4 a epoch: cumulative 0.4 0.8 1.2 1.6 2.0 rounds to 0 1 1 2 2, so epochs mint 0 1 0 1 0
    Books b = market(1000);
    Minter m = new Minter(b, (from, to, supply, ratio) -> 0.4, Double.POSITIVE_INFINITY);
    long[] minted = new long[5];
    for (int i = 0; i < 5; i++) {
      long before = b.ledger.minted();
      m.mint(i, i + 1);
      minted[i] = b.ledger.minted() - before;
    }
    assertArrayEquals(new long[] {0, 1, 0, 1, 0}, minted);
    assertEquals(2, b.ledger.balance(Accounts.REWARD_POOL));
    // rounding each epoch on its own would mint nothing at all from 0.1 a epoch
    Books tenths = market(1000);
    Minter t = new Minter(tenths, (from, to, supply, ratio) -> 0.1, Double.POSITIVE_INFINITY);
    for (int i = 0; i < 1000; i++) {
      t.mint(i, i + 1);
    }
    assertEquals(100, tenths.ledger.minted());
  }

  @Test
  void nothingIsMintedPastTheMaximumSupply() {
    // 1000 in supply, cap 1005: epochs of 2 mint 2, 2, 1, then nothing
    Books b = market(1000);
    Minter m = new Minter(b, (from, to, supply, ratio) -> 2, 1005);
    for (int i = 0; i < 5; i++) {
      m.mint(i, i + 1);
    }
    assertEquals(1005, b.ledger.supply());
    // a burn of 3 makes room; the schedule owes 12 - 5 = 7 units, so the next epoch mints the
    // full 3 (not only its own 2) and the cap holds
    b.ledger.burn(Accounts.MARKET, 3, Cause.FEE_BURN, 5);
    long before = b.ledger.minted();
    m.mint(5, 6);
    assertEquals(3, b.ledger.minted() - before);
    assertEquals(1005, b.ledger.supply());
    m.mint(6, 7);
    assertEquals(1005, b.ledger.supply());
    b.ledger.checkInvariants(7);
  }

  @Test
  void theScheduleSeesTheEpochTheSupplyInTokensAndTheStakingRatio() {
    // 100 units a token: 25 tokens bonded of 100 in supply, a staking ratio of 0.25
    Books b = Fixtures.books(100, 0, Fixtures.operators(0, Behaviour.HONEST));
    b.ledger.genesis(Accounts.bonded(0), 2500);
    b.ledger.genesis(Accounts.MARKET, 7500);
    double[] seen = new double[4];
    Minter m = new Minter(b, (from, to, supply, ratio) -> {
      seen[0] = from;
      seen[1] = to;
      seen[2] = supply;
      seen[3] = ratio;
      return 1.5;
    }, Double.POSITIVE_INFINITY);
    m.mint(3600, 7200);
    assertArrayEquals(new double[] {3600, 7200, 100, 0.25}, seen);
    assertEquals(150, b.ledger.balance(Accounts.REWARD_POOL), "1.5 tokens in units");
  }
}
