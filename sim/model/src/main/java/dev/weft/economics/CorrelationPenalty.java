package dev.weft.economics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Ethereum's correlation ("proportional slashing") penalty: {@code stake · min(m·S, B) / B},
 * where S is the stake of validators slashed within the window, B the total stake and m the
 * multiplier (3 since Bellatrix). A lone offender loses little; a third of the stake offending
 * together loses everything. Ethereum applies it halfway through a 36-day vector, counting
 * slashings 18 days either side; the economy does the same with a configurable half-width.
 */
public final class CorrelationPenalty {

  private CorrelationPenalty() {}

  /**
   * The penalty in base units, rounded down, computed exactly in decimal arithmetic. With no
   * stake left in the network ({@code total} 0) the whole stake is forfeit.
   */
  public static long amount(long stake, long slashedInWindow, long total, double multiplier) {
    if (total <= 0) {
      return stake;
    }
    BigDecimal b = BigDecimal.valueOf(total);
    BigDecimal adjusted = BigDecimal.valueOf(multiplier)
        .multiply(BigDecimal.valueOf(slashedInWindow)).min(b);
    return BigDecimal.valueOf(stake).multiply(adjusted).divide(b, 0, RoundingMode.FLOOR)
        .longValueExact();
  }
}
