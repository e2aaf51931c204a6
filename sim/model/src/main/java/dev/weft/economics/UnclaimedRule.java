package dev.weft.economics;

import java.util.List;
import java.util.Locale;

/**
 * What happens to a role's share of an epoch's reward pool when nobody earned it (no verified
 * work, no verification, nobody available): a stated rule, so no pool fills up unseen.
 */
public enum UnclaimedRule {
  /** To the protocol treasury. */
  TREASURY,
  /** Burned. */
  BURN,
  /** Kept in the role's pool for the next epoch that has someone to pay. */
  CARRY;

  private static final List<String> NAMES = List.of("treasury", "burn", "carry");

  public static List<String> names() {
    return NAMES;
  }

  public static UnclaimedRule byName(String name) {
    for (UnclaimedRule r : values()) {
      if (r.label().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown unclaimed rule '" + name + "', known: "
        + String.join(", ", NAMES));
  }

  /** The name scenarios use. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
