package dev.weft.scenario;

import java.util.Locale;
import java.util.Map;

/**
 * The physical kinds of the scenario format and their unit suffixes; a bare number is in the
 * base unit. Parsing is strict: unknown suffixes, NaN and infinities are errors.
 */
public enum Quantity {
  DURATION("second", Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "m", 60.0,
      "min", 60.0, "h", 3600.0, "d", 86400.0, "w", 604800.0)),
  DATA_SIZE("byte", Map.ofEntries(Map.entry("B", 1.0), Map.entry("kB", 1e3), Map.entry("KB", 1e3),
      Map.entry("MB", 1e6), Map.entry("GB", 1e9), Map.entry("TB", 1e12), Map.entry("PB", 1e15),
      Map.entry("KiB", 1024.0), Map.entry("MiB", 1048576.0), Map.entry("GiB", 1073741824.0),
      Map.entry("TiB", 1099511627776.0))),
  BANDWIDTH("bit per second", Map.of("bps", 1.0, "kbps", 1e3, "Kbps", 1e3, "Mbps", 1e6,
      "Gbps", 1e9, "Tbps", 1e12, "B/s", 8.0, "MB/s", 8e6, "GB/s", 8e9)),
  RATE("per second", Map.of("/s", 1.0, "/m", 1 / 60.0, "/min", 1 / 60.0, "/h", 1 / 3600.0,
      "/d", 1 / 86400.0)),
  NUMBER("number", Map.of());

  private final String base;
  private final Map<String, Double> units;

  Quantity(String base, Map<String, Double> units) {
    this.base = base;
    this.units = units;
  }

  public String baseUnit() {
    return base;
  }

  public Map<String, Double> units() {
    return units;
  }

  /** Parses {@code "250ms"}, {@code "20Mbps"}, {@code "1e6/d"} or a bare number. */
  public double parse(String text) {
    String s = text.strip();
    int split = s.length();
    while (split > 0 && !isNumberChar(s, split - 1)) {
      split--;
    }
    String number = s.substring(0, split).strip();
    String suffix = s.substring(split).strip();
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(describe(text));
    }
    if (number.isEmpty() || Double.isNaN(value) || Double.isInfinite(value)
        || number.chars().anyMatch(Character::isLetter) && !number.matches(".*[eE].*")) {
      throw new IllegalArgumentException(describe(text));
    }
    if (suffix.isEmpty()) {
      return value;
    }
    Double factor = units.get(suffix);
    if (factor == null) {
      throw new IllegalArgumentException(describe(text));
    }
    return value * factor;
  }

  private static boolean isNumberChar(String s, int i) {
    char c = s.charAt(i);
    if (Character.isDigit(c) || c == '.') {
      return true;
    }
    // an exponent sign or letter counts only when followed by a digit and preceded by a digit
    if ((c == '+' || c == '-') && i > 0 && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')) {
      return i + 1 < s.length() && Character.isDigit(s.charAt(i + 1));
    }
    if ((c == 'e' || c == 'E') && i > 0 && Character.isDigit(s.charAt(i - 1))
        && i + 1 < s.length()) {
      char n = s.charAt(i + 1);
      return Character.isDigit(n) || ((n == '+' || n == '-') && i + 2 < s.length()
          && Character.isDigit(s.charAt(i + 2)));
    }
    return false;
  }

  private String describe(String text) {
    if (this == NUMBER) {
      return "'" + text + "' is not a number";
    }
    return "'" + text + "' is not a " + name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + " (a number with one of the units " + String.join(", ", units.keySet().stream().sorted()
            .toList()) + ", or a bare number in " + base + "s)";
  }
}
