package dev.weft.economics;

import java.util.List;

/**
 * The opening balances: each operator's own stake bonded, or left liquid when below the minimum
 * (an outsider that may join later), delegated stake beside a member's in proportion to it, and
 * the rest of the initial supply with the market. Sets each operator's target stake and
 * membership to match.
 */
final class Genesis {
  private Genesis() {}

  /**
   * Allocates {@code initialSupply} tokens among {@code specs} (delegation: delegated tokens per
   * own token). Throws IllegalArgumentException when the stakes exceed the supply.
   */
  static void allocate(Books books, List<OperatorSpec> specs, double initialSupply,
      double delegation) {
    Ledger ledger = books.ledger;
    Operators ops = books.ops;
    long minimum = books.minimumStake;
    long supply = books.units(initialSupply);
    long allocated = 0;
    for (int o = 0; o < ops.n; o++) {
      double stake = specs.get(o).stake() * ops.stakeShare(o); // Sybils split one stake
      long own = books.units(stake);
      boolean member = own >= minimum;
      long delegated = member ? books.units(stake * delegation) : 0;
      ledger.genesis(member ? Accounts.bonded(o) : Accounts.liquid(o), own);
      ledger.genesis(Accounts.delegated(o), delegated);
      allocated += own + delegated;
      if (allocated > supply) {
        throw new IllegalArgumentException("operators' genesis stake (" + books.tokens(allocated)
            + " tokens with delegation) exceeds token.initialSupply " + initialSupply);
      }
      ops.targetStake[o] = Math.max(own, minimum);
      ops.participating[o] = member;
    }
    ledger.genesis(Accounts.MARKET, supply - allocated);
    for (int o = 0; o < ops.n; o++) {
      books.refresh(o);
    }
  }
}
