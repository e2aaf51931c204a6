package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.economics.EconomicsSummary;
import dev.weft.scenario.Arrivals;
import dev.weft.scenario.Availability;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token economy driven by real job flows: conservation, behaviours, membership. */
class EconomicsRunTest {

  /** An EconomicsConfig with every section at its default, as `economics: {}` gives. */
  static EconomicsConfig defaults() {
    return TestRecords.defaults(EconomicsConfig.class);
  }

  static Scenario scenario(EconomicsConfig e, String policy, Map<String, Double> behaviour) {
    NodeClass c = new NodeClass("ops", 20, "abstract", 1, 1, 1.0,
        new Availability(DistSpec.exponentialMean(6 * 3600), DistSpec.exponentialMean(600)),
        5000, behaviour);
    return new Scenario("econ", "", 3, 12 * 3600, 3600, List.of(c),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(12), DistSpec.exponentialMean(1.0),
            30.0)),
        new SchedulerConfig(policy, 2), new Outputs(600, false), e);
  }

  /**
   * Issue #12: an honest operator's annualized return on capital is a rate, so one day and four
   * days of the same steady economy (constant emission and price) give the same figure up to
   * sampling noise, measured here as the spread between two seeds of the one-day run.
   */
  @Test
  void anHonestOperatorsReturnDoesNotDependOnRunLength() {
    EconomicsConfig e = TestRecords.with(defaults(), "emission.schedule", "constant",
        "emission.initialPerDay", 20000.0, "operators.joinLeave", false);
    double[] oneDay = new double[2];
    for (int seed = 0; seed < 2; seed++) {
      Scenario s = TestRecords.with(scenario(e, "least-loaded", Map.of("honest", 1.0)),
          "duration", 86400.0, "seed", 3L + seed);
      oneDay[seed] = new World(s).run().economics().roi().get("honest");
    }
    Scenario four = TestRecords.with(scenario(e, "least-loaded", Map.of("honest", 1.0)),
        "duration", 4 * 86400.0);
    double fourDays = new World(four).run().economics().roi().get("honest");
    double noise = Math.abs(oneDay[0] - oneDay[1]);
    assertTrue(Math.abs(fourDays - oneDay[0]) <= 3 * noise + 1e-3 * Math.abs(fourDays),
        "1 day " + oneDay[0] + " (other seed " + oneDay[1] + "), 4 days " + fourDays);
    assertTrue(Math.abs(fourDays) < 10, "a rate per year, not a multiple of an hour's costs: "
        + fourDays);
  }

  static void assertSupplyConserved(EconomicsSummary e) {
    var s = e.supply();
    assertEquals(s.initial() + s.minted() - s.burned(), s.current(), 1e-6 * s.initial());
    assertTrue(s.current() >= 0);
  }

  @Test
  void everyFeeAndVerificationPolicyConservesSupplyThroughARun() {
    for (String fees : List.of("fixed", "eip1559", "auction", "burn-mint")) {
      for (String check : List.of("none", "spot-check", "redundancy", "optimistic")) {
        EconomicsConfig e = TestRecords.with(defaults(), "fees.model", fees,
            "verification.policy", check, "fees.burn", 0.3, "emission.schedule",
            "exponential-decay");
        RunResult r = new World(scenario(e, "stake-weighted",
            Map.of("honest", 0.8, "lazy", 0.1, "flaky", 0.1))).run();
        assertSupplyConserved(r.economics());
        assertEquals(r.jobs().submitted(), r.jobs().completed() + r.jobs().failed()
            + r.jobs().expired() + r.jobs().inFlight(), fees + "/" + check);
        assertTrue(r.economySeries().rows().size() > 10);
      }
    }
  }

  @Test
  void lazyOperatorsAreCaughtOnlyBySpotChecks() {
    EconomicsConfig none = TestRecords.with(defaults(), "verification.policy", "none");
    RunResult unchecked = new World(scenario(none, "least-loaded",
        Map.of("honest", 0.9, "lazy", 0.1))).run();
    assertEquals(0, unchecked.economics().jobs().junkCaught(), "nobody looks, nobody is caught");
    assertTrue(unchecked.economics().jobs().junk() > 0);

    // no jail: a jail now takes a caught node out at once, which would leave one caught junk
    // result per lazy node, too few to measure the check rate by
    EconomicsConfig checked = TestRecords.with(defaults(), "verification.policy", "spot-check",
        "verification.spotCheckRate", 0.2, "slashing.fraud.jail", 0.0);
    RunResult r = new World(scenario(checked, "least-loaded",
        Map.of("honest", 0.9, "lazy", 0.1))).run();
    var j = r.economics().jobs();
    assertTrue(j.junkCaught() > 0);
    // about a fifth of junk is checked, and every checked junk result is caught
    double caughtShare = j.junkCaught() / (double) j.junk();
    assertTrue(caughtShare > 0.12 && caughtShare < 0.3, "caught share " + caughtShare);
    assertTrue(r.economics().slashedByCause().get("fraud") > 0);
    assertTrue(r.economics().roi().get("lazy") < r.economics().roi().get("honest"));
  }

  @Test
  void stakeWeightedPlacementFollowsStake() {
    NodeClass rich = new NodeClass("rich", 10, "abstract", 1, 1, 1.0, null, 9000,
        Map.of("honest", 1.0));
    NodeClass poor = new NodeClass("poor", 10, "abstract", 1, 1, 1.0, null, 1000,
        Map.of("honest", 1.0));
    Scenario s = new Scenario("stake", "", 5, 20_000, 100, List.of(rich, poor),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(2), DistSpec.exponentialMean(0.5),
            null)),
        new SchedulerConfig("stake-weighted", 0), new Outputs(1000, false), defaults());
    RunResult r = new World(s).run();
    double richJobs = r.nodeClasses().get(0).completed();
    double poorJobs = r.nodeClasses().get(1).completed();
    assertEquals(0.9, richJobs / (richJobs + poorJobs), 0.02, "stake share 90%");
  }

  @Test
  void sameSeedSameEconomy() {
    EconomicsConfig e = TestRecords.with(defaults(), "token.price.model", "gbm",
        "token.price.volatility", 0.8);
    Scenario s = scenario(e, "auction", Map.of("honest", 0.9, "lazy", 0.1));
    assertEquals(new World(s).run().economics(), new World(s).run().economics());
  }

  static boolean isRecord(RecordComponent c) {
    return c.getType().isRecord();
  }
}
