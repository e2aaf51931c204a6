package dev.weft.economics;

import dev.weft.scenario.PriceConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.commons.rng.UniformRandomProvider;

/** The registry of token price models by name. */
public final class PriceModels {
  private static final Map<String, BiFunction<PriceConfig, UniformRandomProvider, PriceModel>>
      MODELS = new LinkedHashMap<>();

  static {
    MODELS.put("constant", (c, rng) -> new ConstantPrice(c.start()));
    MODELS.put("gbm", (c, rng) -> new GbmPrice(c.start(), c.drift(), c.volatility(), rng));
    MODELS.put("trace", (c, rng) -> new TracePrice(c.times(), c.prices(),
        interpolation(c.interpolation())));
    MODELS.put("amm", (c, rng) -> new AmmPrice(c.start(), c.liquidity()));
  }

  private PriceModels() {}

  public static List<String> names() {
    return List.copyOf(MODELS.keySet());
  }

  /** Interpolations of a price trace. */
  public static List<String> interpolations() {
    return List.of("step", "linear");
  }

  public static PriceModel create(PriceConfig c, UniformRandomProvider rng) {
    var f = MODELS.get(c.model());
    if (f == null) {
      throw new IllegalArgumentException("unknown price model '" + c.model() + "', known: "
          + String.join(", ", names()));
    }
    return f.apply(c, rng);
  }

  private static boolean interpolation(String name) {
    return switch (name) {
      case "linear" -> true;
      case "step" -> false;
      default -> throw new IllegalArgumentException("unknown price interpolation '" + name
          + "', known: " + String.join(", ", interpolations()));
    };
  }
}
