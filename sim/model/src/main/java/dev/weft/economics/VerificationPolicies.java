package dev.weft.economics;

import dev.weft.scenario.VerificationConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The registry of verification policies by name. */
public final class VerificationPolicies {
  private static final Map<String, Function<VerificationConfig, VerificationPolicy>> POLICIES =
      new LinkedHashMap<>();

  static {
    POLICIES.put("none", c -> new NoVerification());
    POLICIES.put("spot-check", c -> new SpotCheck(c.spotCheckRate(), c.delay()));
    POLICIES.put("redundancy", c -> new Redundancy(c.replicas(), c.quorum(), c.delay()));
    POLICIES.put("optimistic", c -> new Optimistic(c.spotCheckRate(), c.challengePeriod()));
  }

  private VerificationPolicies() {}

  public static List<String> names() {
    return List.copyOf(POLICIES.keySet());
  }

  public static VerificationPolicy create(VerificationConfig c) {
    var f = POLICIES.get(c.policy());
    if (f == null) {
      throw new IllegalArgumentException("unknown verification policy '" + c.policy()
          + "', known: " + String.join(", ", names()));
    }
    return f.apply(c);
  }
}
