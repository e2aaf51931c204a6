package dev.weft.economics;

import dev.weft.scenario.EmissionConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The registry of emission schedules by the name scenarios use. Adding one: one line. */
public final class Emissions {
  private static final Map<String, Function<EmissionConfig, EmissionPolicy>> SCHEDULES =
      new LinkedHashMap<>();

  static {
    SCHEDULES.put("none", c -> new NoEmission());
    SCHEDULES.put("constant", c -> new ConstantEmission(c.initialPerDay()));
    SCHEDULES.put("exponential-decay",
        c -> new ExponentialDecayEmission(c.initialPerDay(), c.halfLife()));
    SCHEDULES.put("halving", c -> new HalvingEmission(c.initialPerDay(), c.halvingInterval()));
    SCHEDULES.put("adaptive", c -> new AdaptiveInflation(c.inflation(), c.inflationStep(),
        c.targetStakingRatio(), c.minInflation(), c.maxInflation()));
  }

  private Emissions() {}

  public static List<String> names() {
    return List.copyOf(SCHEDULES.keySet());
  }

  /** The schedule of {@code c}, wrapped in the hard cap when {@code maxSupply} is set. */
  public static EmissionPolicy create(EmissionConfig c) {
    Function<EmissionConfig, EmissionPolicy> f = SCHEDULES.get(c.schedule());
    if (f == null) {
      throw new IllegalArgumentException("unknown emission schedule '" + c.schedule()
          + "', known: " + String.join(", ", names()));
    }
    EmissionPolicy p = f.apply(c);
    return c.maxSupply() == null ? p : new CappedEmission(p, c.maxSupply());
  }
}
