package dev.weft.economics;

/**
 * The state every part of the economy shares: the ledger, the operators, the index of
 * selectable operators, the token price, and conversions between tokens and base units. It is
 * also what the fee policy reads of the operators ({@link OperatorView}).
 */
final class Books implements OperatorView {
  final Ledger ledger;
  final Operators ops;
  final WeightIndex selectable;
  final double unitsPerToken;
  /** Least own bonded stake of an active operator, base units (an upgrade may move it). */
  long minimumStake;
  final FeePolicy fees;
  private final boolean[] active;
  /** Told of every change of {@link #isActive}, as it happens. */
  ActivityListener listener = ActivityListener.NONE;
  /** Told of verifications, verdicts, slashes and payments, for the trace. */
  EconomyEvent.Listener events = EconomyEvent.Listener.NONE;
  /** Each operator's own stake over time; set once the genesis has allocated it. */
  StakeHistory stakeHistory;
  double price;
  int activeCount;
  /** The cartel's (colluding operators') part of the selectable weight. */
  long cartelWeight;
  /**
   * The share of what the reward pools pay this epoch that came from fees set in fiat (the
   * rest is emission or token-priced fees); see {@link #poolsFilled}.
   */
  double poolFiatShare;
  /** Units in the pools that came from fiat-priced fees, as far as {@link #poolsFilled} knows. */
  private double poolFiatUnits;
  /** Fiat-priced fees pooled since the last payout, base units (summed exactly). */
  private long fiatFeesPooled;

  Books(Ledger ledger, Operators ops, double unitsPerToken, long minimumStake, FeePolicy fees,
      double price) {
    this.ledger = ledger;
    this.ops = ops;
    this.selectable = new WeightIndex(ops.n);
    this.unitsPerToken = unitsPerToken;
    this.minimumStake = minimumStake;
    this.fees = fees;
    this.active = new boolean[ops.n];
    this.price = price;
  }

  long units(double tokens) {
    return toUnits(tokens, unitsPerToken);
  }

  /** Tokens to base units, rounded; amounts past 2^62 units are refused (headroom for sums). */
  static long toUnits(double tokens, double unitsPerToken) {
    double u = Math.rint(tokens * unitsPerToken);
    if (!(u >= 0) || u >= 0x1p62) {
      throw new IllegalArgumentException(tokens + " tokens do not fit in base units; lower"
          + " token.decimals");
    }
    return (long) u;
  }

  double tokens(long units) {
    return units / unitsPerToken;
  }

  double fiat(long units) {
    return units / unitsPerToken * price;
  }

  /** Bonded plus delegated stake of {@code op}: what selection and slashing weigh. */
  long stake(int op) {
    return ledger.balance(Accounts.bonded(op)) + ledger.balance(Accounts.delegated(op));
  }

  /** Everything a penalty can reach: bonded, delegated and still-unbonding stake. */
  long slashable(int op) {
    return stake(op) + ledger.balance(Accounts.unbonding(op));
  }

  /** Bonded plus delegated stake of all operators. */
  long totalStake() {
    long s = 0;
    for (int o = 0; o < ops.n; o++) {
      s += stake(o);
    }
    return s;
  }

  @Override
  public int operatorCount() {
    return ops.n;
  }

  /**
   * In the network, not jailed, bonded at least the minimum, and (a Sybil identity) its
   * machine not down through another identity's node.
   */
  @Override
  public boolean isActive(int op) {
    return active[op];
  }

  @Override
  public double costPerGpuHour(int op) {
    return ops.costPerGpuHour[op];
  }

  /**
   * Re-derives {@code op}'s activity and selection weight after any change to either, and tells
   * the listener when the activity changed (once both are up to date).
   */
  void refresh(int op) {
    boolean a = ops.participating[op] && !ops.jailed[op] && !ops.machineDown[op]
        && ledger.balance(Accounts.bonded(op)) >= minimumStake;
    boolean changed = a != active[op];
    if (changed) {
      active[op] = a;
      activeCount += a ? 1 : -1;
      fees.operatorsChanged();
    }
    // +1 unit so that operators without stake are still drawn, uniformly
    long w = a && ops.online[op] ? stake(op) + 1 : 0;
    if (ops.behaviour[op] == Behaviour.COLLUDING) {
      cartelWeight += w - selectable.get(op);
    }
    selectable.set(op, w);
    if (changed) {
      listener.activityChanged(op, a);
    }
  }

  /** {@code units} of revenue to {@code op} from {@code from}, delegators taking their part. */
  void payOperator(int from, int op, long units, Cause cause, double commission, double now) {
    long del = ledger.balance(Accounts.delegated(op));
    long toDelegators = 0;
    if (del > 0) {
      long self = ledger.balance(Accounts.bonded(op));
      double share = (1 - commission) * del / (double) (self + del);
      toDelegators = Math.min(units, (long) Math.floor(units * share));
      ledger.transfer(from, Accounts.DELEGATORS, toDelegators, Cause.DELEGATOR_REWARD, now);
    }
    long own = units - toDelegators;
    ledger.transfer(from, Accounts.liquid(op), own, cause, now);
    ops.earn(op, own, fiat(own), fiatShareOf(from));
    events.event(now, EconomyEvent.PAYMENT, op, tokens(own));
  }

  /** Whether job fees are set in fiat (every policy but one with a token-priced base fee). */
  boolean feesInFiat() {
    return Double.isNaN(fees.baseFee());
  }

  /**
   * The epoch's reward pool is full (emission minted, fees pooled) and about to be paid: sets
   * {@link #poolFiatShare} to the fiat-priced fees' share of the pools, counting what the last
   * epoch left in them at the share it had. Call {@link #poolsPaid} after paying.
   */
  void poolsFilled() {
    poolFiatUnits += fiatFeesPooled;
    fiatFeesPooled = 0;
    long inPools = poolBalance();
    poolFiatShare = inPools > 0 ? Math.min(1, poolFiatUnits / inPools) : 0;
  }

  /**
   * {@code units} of a job's fee reached the reward pool; {@code fiatPriced}: the fee was set
   * in fiat when the job was priced (a fee priced before a governance upgrade switched the fee
   * model counts as priced then, even when it settles after).
   */
  void feePooled(long units, boolean fiatPriced) {
    if (fiatPriced) {
      fiatFeesPooled += units;
    }
  }

  /** The pools were paid: what stays in them keeps its fiat-priced share. */
  void poolsPaid() {
    poolFiatUnits = poolFiatShare * poolBalance();
  }

  private long poolBalance() {
    return ledger.balance(Accounts.REWARD_POOL) + ledger.balance(Accounts.COMPUTE_POOL)
        + ledger.balance(Accounts.VERIFIER_POOL) + ledger.balance(Accounts.AVAILABILITY_POOL);
  }

  /** The fiat-priced share of a payment out of {@code account}. */
  private double fiatShareOf(int account) {
    return switch (account) {
      case Accounts.REWARD_POOL, Accounts.COMPUTE_POOL, Accounts.VERIFIER_POOL,
          Accounts.AVAILABILITY_POOL -> poolFiatShare;
      case Accounts.FEE_ESCROW -> feesInFiat() ? 1 : 0;
      default -> 0;
    };
  }
}
