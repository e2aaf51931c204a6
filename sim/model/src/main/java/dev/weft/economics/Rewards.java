package dev.weft.economics;

import dev.weft.scenario.RewardSplit;

/**
 * The epoch payout. Everything in the reward pool (emission plus unburned fees) is split by the
 * governance shares into the treasury and the compute, verifier and availability pools; each
 * pool then pays pro rata to its measure of the epoch (verified GPU-seconds, verification
 * GPU-seconds, one per available identity or its stake). A pool with nobody to pay in the epoch
 * goes by the stated {@link UnclaimedRule}: to the treasury, burned, or carried to the next
 * epoch. Pro-rata amounts use cumulative floors, so the payouts sum to the pool exactly.
 */
final class Rewards {
  private final Books b;
  private RewardSplit split;
  private final double commission;
  private final boolean perIdentity;
  private UnclaimedRule unclaimed;
  private final double[] weights;
  /** Units allotted to the compute and availability roles in the last distribution. */
  long operatorBudget;

  Rewards(Books books, RewardSplit split, double commission, boolean perIdentity,
      UnclaimedRule unclaimed) {
    this.b = books;
    this.unclaimed = unclaimed;
    this.split = split;
    this.commission = commission;
    this.perIdentity = perIdentity;
    this.weights = new double[books.ops.n];
  }

  /** From the next distribution on, the pool is split by {@code next} (a governance upgrade). */
  void use(RewardSplit next) {
    this.split = next;
  }

  /** From the next distribution on, unclaimed role shares go by {@code next} (an upgrade). */
  void use(UnclaimedRule next) {
    this.unclaimed = next;
  }

  /** Whether availability pays per identity ({@code identity}) or by stake ({@code stake}). */
  static boolean perIdentity(String weighting) {
    return switch (weighting) {
      case "identity" -> true;
      case "stake" -> false;
      default -> throw new IllegalArgumentException("unknown availability weighting '"
          + weighting + "', known: identity, stake");
    };
  }

  /** Splits the pool and pays the roles; {@code availability} is each operator's epoch share. */
  void distribute(double[] availability, double threshold, double now) {
    Ledger l = b.ledger;
    long inflow = l.balance(Accounts.REWARD_POOL);
    long left = inflow;
    long treasury = Math.min(left, Penalties.fraction(inflow, split.treasury()));
    left -= treasury;
    long verifiers = Math.min(left, Penalties.fraction(inflow, split.verifiers()));
    left -= verifiers;
    long available = Math.min(left, Penalties.fraction(inflow, split.availability()));
    left -= available;
    l.transfer(Accounts.REWARD_POOL, Accounts.TREASURY, treasury, Cause.TREASURY_SHARE, now);
    l.transfer(Accounts.REWARD_POOL, Accounts.VERIFIER_POOL, verifiers, Cause.POOL_SPLIT, now);
    l.transfer(Accounts.REWARD_POOL, Accounts.AVAILABILITY_POOL, available, Cause.POOL_SPLIT,
        now);
    l.transfer(Accounts.REWARD_POOL, Accounts.COMPUTE_POOL, left, Cause.POOL_SPLIT, now);
    operatorBudget = left + available;

    payProRata(Accounts.COMPUTE_POOL, b.ops.epochVerifiedWork, Cause.COMPUTE_REWARD, now);
    payProRata(Accounts.VERIFIER_POOL, b.ops.epochCheckWork, Cause.VERIFIER_REWARD, now);
    for (int o = 0; o < weights.length; o++) {
      boolean ok = b.isActive(o) && availability[o] >= threshold;
      weights[o] = !ok ? 0 : perIdentity ? 1 : b.stake(o);
    }
    payProRata(Accounts.AVAILABILITY_POOL, weights, Cause.AVAILABILITY_REWARD, now);
  }

  private void payProRata(int pool, double[] w, Cause cause, double now) {
    long amount = b.ledger.balance(pool);
    if (amount == 0) {
      return;
    }
    if (!payable(w)) {
      switch (unclaimed) {
        case TREASURY -> b.ledger.transfer(pool, Accounts.TREASURY, amount,
            Cause.UNCLAIMED_TO_TREASURY, now);
        case BURN -> b.ledger.burn(pool, amount, Cause.UNCLAIMED_BURN, now);
        case CARRY -> { } // stays in the pool, shown in the ledger's balances
      }
      return;
    }
    double total = 0;
    int last = -1;
    for (int o = 0; o < w.length; o++) {
      if (w[o] > 0) {
        total += w[o];
        last = o;
      }
    }
    double cum = 0;
    long paid = 0;
    for (int o = 0; o <= last; o++) {
      if (w[o] <= 0) {
        continue;
      }
      cum += w[o];
      long upTo = o == last ? amount : Math.min(amount, (long) Math.floor(amount * (cum / total)));
      long pay = upTo - paid;
      if (pay > 0) {
        b.payOperator(pool, o, pay, cause, commission, now);
        paid = upTo;
      }
    }
  }

  private static boolean payable(double[] w) {
    for (double x : w) {
      if (x > 0) {
        return true;
      }
    }
    return false;
  }
}
