package dev.weft.economics;

import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed name lists of the {@code economics:} section, keyed by scenario path, each
 * answered by the registry that owns it: what a loader checks names against and a schema lists.
 */
public final class EconomicsVocabulary {

  private EconomicsVocabulary() {}

  public static Map<String, List<String>> byPath() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("economics.token.price.model", PriceModels.names());
    m.put("economics.token.price.interpolation", PriceModels.interpolations());
    m.put("economics.emission.schedule", Emissions.names());
    m.put("economics.fees.model", FeePolicies.names());
    m.put("economics.fees.auctionPricing", FeePolicies.auctionPricings());
    m.put("economics.rewards.availabilityWeighting", List.of("identity", "stake"));
    m.put("economics.rewards.unclaimed", UnclaimedRule.names());
    m.put("economics.slashing.destination", SlashDestination.names());
    m.put("economics.verification.policy", VerificationPolicies.names());
    m.put("nodes[].behaviour", Behaviour.names());
    return Collections.unmodifiableMap(m);
  }

  /**
   * Every unknown name in {@code c}, one message each ({@code unknown fee model 'vcg', known:
   * ...}), including fields the chosen policies do not read; empty when all are known.
   */
  public static List<String> problems(EconomicsConfig c) {
    List<String> out = new ArrayList<>();
    check(out, "price model", c.token().price().model(), PriceModels.names());
    check(out, "price interpolation", c.token().price().interpolation(),
        PriceModels.interpolations());
    check(out, "emission schedule", c.emission().schedule(), Emissions.names());
    check(out, "fee model", c.fees().model(), FeePolicies.names());
    check(out, "auction pricing", c.fees().auctionPricing(), FeePolicies.auctionPricings());
    check(out, "availability weighting", c.rewards().availabilityWeighting(),
        List.of("identity", "stake"));
    check(out, "unclaimed rule", c.rewards().unclaimed(), UnclaimedRule.names());
    check(out, "slash destination", c.slashing().destination(), SlashDestination.names());
    check(out, "verification policy", c.verification().policy(), VerificationPolicies.names());
    if (c.token().price().model().equals("amm")
        && c.token().price().liquidity() > c.token().initialSupply()) {
      out.add("the amm pool's liquidity (" + c.token().price().liquidity() + " tokens) exceeds"
          + " token.initialSupply " + c.token().initialSupply());
    }
    if (c.token().price().model().equals("trace") && c.token().price().times().isEmpty()) {
      out.add("a price trace needs at least one point in times and prices");
    }
    return out;
  }

  private static void check(List<String> out, String what, String name, List<String> known) {
    if (!known.contains(name)) {
      out.add("unknown " + what + " '" + name + "', known: " + String.join(", ", known));
    }
  }
}
