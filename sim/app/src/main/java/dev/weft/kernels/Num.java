package dev.weft.kernels;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number formatting shared by the kernel tables and calibration file. */
public final class Num {
  private Num() {}

  /**
   * {@code %.6g} as Python writes it (the kernel-table format): 6 significant digits,
   * trailing zeros dropped, exponent form below 1e-4 or from 1e6, two-digit exponent.
   */
  public static String g6(double v) {
    return g(v, 6);
  }

  /** {@code %.Ng} as Python writes it. */
  public static String g(double v, int digits) {
    if (v == 0) {
      return "0";
    }
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= digits) {
      BigDecimal mant = d.movePointLeft(exp);
      String m = strip(mant.setScale(digits - 1, RoundingMode.HALF_EVEN).toPlainString());
      return m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return strip(d.setScale(Math.max(0, digits - 1 - exp), RoundingMode.HALF_EVEN)
        .toPlainString());
  }

  private static String strip(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
