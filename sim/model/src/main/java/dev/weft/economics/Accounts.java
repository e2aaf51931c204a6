package dev.weft.economics;

/**
 * The account layout: system accounts first, then four per operator (liquid, bonded stake,
 * delegated stake, unbonding stake). The stake escrow is the family of bonded, delegated and
 * unbonding accounts; burning is not an account but a counter of the {@link Ledger}.
 */
public final class Accounts {
  /** Tokens held by the public: the counterparty of every purchase and sale. */
  public static final int MARKET = 0;
  /** Job submitters: buy tokens to pay fees, receive refunds. */
  public static final int SUBMITTERS = 1;
  /** Fees of jobs awaiting their verdict. */
  public static final int FEE_ESCROW = 2;
  /** Emission and unburned fees awaiting the epoch split. */
  public static final int REWARD_POOL = 3;
  /** The compute role's share, paid pro rata to verified work. */
  public static final int COMPUTE_POOL = 4;
  /** The verifiers' share, paid pro rata to verification work. */
  public static final int VERIFIER_POOL = 5;
  /** The availability share, paid to operators meeting the availability threshold. */
  public static final int AVAILABILITY_POOL = 6;
  /** The protocol treasury. */
  public static final int TREASURY = 7;
  /** Delegators: the source of delegated stake and the sink of their rewards. */
  public static final int DELEGATORS = 8;
  /** Slashed tokens between the stake they came from and where they go. */
  public static final int SLASH_ESCROW = 9;
  /** Number of system accounts. */
  public static final int SYSTEM = 10;

  private static final String[] SYSTEM_NAMES = {"market", "submitters", "fee escrow",
      "reward pool", "compute pool", "verifier pool", "availability pool", "treasury",
      "delegators", "slash escrow"};
  private static final String[] OPERATOR_KINDS = {"liquid", "bonded stake", "delegated stake",
      "unbonding stake"};

  private Accounts() {}

  public static int count(int operators) {
    return SYSTEM + 4 * operators;
  }

  public static int liquid(int op) {
    return SYSTEM + 4 * op;
  }

  public static int bonded(int op) {
    return SYSTEM + 4 * op + 1;
  }

  public static int delegated(int op) {
    return SYSTEM + 4 * op + 2;
  }

  public static int unbonding(int op) {
    return SYSTEM + 4 * op + 3;
  }

  /** Whether {@code account} belongs to the stake escrow. */
  public static boolean isStake(int account) {
    return account >= SYSTEM && (account - SYSTEM) % 4 != 0;
  }

  /** A readable name, e.g. {@code "treasury"} or {@code "operator 17 bonded stake"}. */
  public static String name(int account) {
    if (account < 0) {
      return "account " + account;
    }
    if (account < SYSTEM) {
      return SYSTEM_NAMES[account];
    }
    int op = (account - SYSTEM) / 4;
    return "operator " + op + " " + OPERATOR_KINDS[(account - SYSTEM) % 4];
  }
}
