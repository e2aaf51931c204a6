package dev.weft.scheduling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The registry of placement policies by the name scenarios use. Adding a policy: one line. */
public final class Schedulers {

  private static final Map<String, Supplier<Scheduler>> POLICIES = new LinkedHashMap<>();

  static {
    POLICIES.put("fifo-central", FifoCentral::new);
    POLICIES.put("random", RandomPlacement::new);
    POLICIES.put("round-robin", RoundRobin::new);
    POLICIES.put("least-loaded", LeastLoaded::new);
    POLICIES.put("power-of-two", PowerOfTwoChoices::new);
    POLICIES.put("stake-weighted", StakeWeighted::new);
    POLICIES.put("auction", Auction::new);
    POLICIES.put("latency-aware", LatencyAware::new);
  }

  private Schedulers() {}

  public static List<String> names() {
    return List.copyOf(POLICIES.keySet());
  }

  public static Scheduler create(String name) {
    Supplier<Scheduler> s = POLICIES.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown scheduler policy '" + name + "', known: "
          + String.join(", ", names()));
    }
    return s.get();
  }
}
