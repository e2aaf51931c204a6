package dev.weft.economics;

/** Why tokens moved; every ledger entry carries one, and totals are kept per cause. */
public enum Cause {
  EMISSION,
  PURCHASE,
  SALE,
  FEE,
  REFUND,
  FEE_BURN,
  FEE_TO_POOL,
  TIP,
  POOL_SPLIT,
  TREASURY_SHARE,
  COMPUTE_REWARD,
  VERIFIER_REWARD,
  AVAILABILITY_REWARD,
  DELEGATOR_REWARD,
  BOND,
  UNBOND,
  REBOND,
  WITHDRAW,
  SLASH_DOWNTIME,
  SLASH_DEADLINE,
  SLASH_FRAUD,
  SLASH_CORRELATION,
  SLASH_BURN,
  SLASH_TO_TREASURY,
  WHISTLEBLOWER,
  /** A role's epoch share nobody earned, sent to the treasury. */
  UNCLAIMED_TO_TREASURY,
  /** A role's epoch share nobody earned, burned. */
  UNCLAIMED_BURN,
  /** An auction fee paid straight to the operator that won the job. */
  AUCTION_PAYMENT;

  /** Whether the cause takes stake away as a penalty. */
  public boolean isSlash() {
    return this == SLASH_DOWNTIME || this == SLASH_DEADLINE || this == SLASH_FRAUD
        || this == SLASH_CORRELATION;
  }

  /** The lower-case name used in reports ({@code slash-fraud} becomes {@code fraud}). */
  public String label() {
    String n = name().toLowerCase(java.util.Locale.ROOT);
    return n.startsWith("slash_") ? n.substring(6) : n.replace('_', '-');
  }
}
