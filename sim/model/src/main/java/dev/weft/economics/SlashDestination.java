package dev.weft.economics;

import java.util.List;
import java.util.Locale;

/** Where slashed tokens go once any whistleblower share is paid. */
public enum SlashDestination {
  BURN,
  TREASURY;

  public static List<String> names() {
    return List.of("burn", "treasury");
  }

  public static SlashDestination byName(String name) {
    return switch (name) {
      case "burn" -> BURN;
      case "treasury" -> TREASURY;
      default -> throw new IllegalArgumentException("unknown slash destination '" + name
          + "', known: " + String.join(", ", names()));
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
