package dev.weft.economics;

import dev.weft.scenario.FeesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of fee policies by name. */
public final class FeePolicies {

  /** What a fee policy is built from. */
  @FunctionalInterface
  interface Factory {
    FeePolicy create(FeesConfig c, double startPrice, double unit);
  }

  private static final Map<String, Factory> POLICIES = new LinkedHashMap<>();

  static {
    POLICIES.put("fixed", (c, p, unit) -> new FixedPriceFees(c.burn(), c.tip()));
    POLICIES.put("eip1559", (c, p, unit) -> new Eip1559Fees(c.pricePerGpuHour() / p,
        c.targetUtilization(), c.maxChangeDenominator(), c.burn(), c.tip(), unit));
    POLICIES.put("auction", (c, p, unit) -> new ReverseAuctionFees(
        secondPrice(c.auctionPricing()), c.bidMarkup(), c.pricePerGpuHour(), c.burn()));
    POLICIES.put("burn-mint", (c, p, unit) -> new BurnMintFees());
  }

  private FeePolicies() {}

  public static List<String> names() {
    return List.copyOf(POLICIES.keySet());
  }

  /** Pricing rules of the reverse auction. */
  public static List<String> auctionPricings() {
    return List.of("pay-as-bid", "second-price");
  }

  /**
   * The policy of {@code c}; {@code startPrice} converts fiat prices to a starting base fee and
   * {@code unit} (one base unit in tokens) is the base fee's floor.
   */
  public static FeePolicy create(FeesConfig c, double startPrice, double unit) {
    Factory f = POLICIES.get(c.model());
    if (f == null) {
      throw new IllegalArgumentException("unknown fee model '" + c.model() + "', known: "
          + String.join(", ", names()));
    }
    return f.create(c, startPrice, unit);
  }

  private static boolean secondPrice(String pricing) {
    return switch (pricing) {
      case "pay-as-bid" -> false;
      case "second-price" -> true;
      default -> throw new IllegalArgumentException("unknown auction pricing '" + pricing
          + "', known: " + String.join(", ", auctionPricings()));
    };
  }
}
