package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.economics.EconomicsSummary;
import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator that becomes unable to take work (jailed, or bonded below the minimum) leaves
 * placement the moment the economy decides it, not at the next epoch; one able again returns
 * at once too.
 *
 * <p>The set-up makes the jail time known without asking the economy: the one lazy node
 * (node 0, the first of 20, so a placement breaking ties by id favours it) skips every job (lazySkipRate 1), every result is spot-checked
 * (rate 1, no delay) by an honest verifier (the only other behaviour), so its first delivered
 * result is caught and punished at its own delivery, which the trace's completed row shows.
 */
class ImmediateExitTest {
  static final int LAZY = 0;

  static Scenario scenario(EconomicsConfig e) {
    NodeClass honest = new NodeClass("honest", 19, "abstract", 1, 1, 1.0, null, 5000,
        Map.of("honest", 1.0));
    NodeClass lazy = new NodeClass("lazy", 1, "abstract", 1, 1, 1.0, null, 5000,
        Map.of("lazy", 1.0));
    // 20 one-slot nodes at load 0.6: least-loaded gives the lazy node work every few minutes
    return new Scenario("jail", "", 11, 4 * 3600, 0, List.of(lazy, honest),
        List.of(Workload.synthetic("jobs", Arrivals.poisson(0.2), DistSpec.exponentialMean(60),
            null)),
        new SchedulerConfig("least-loaded", 2), new Outputs(600, false), e);
  }

  static EconomicsConfig economy(double epoch, double jail, double minimumStake) {
    return TestRecords.with(EconomicsRunTest.defaults(), "epoch", epoch,
        "verification.policy", "spot-check", "verification.spotCheckRate", 1.0,
        "verification.delay", 0.0, "behaviours.lazySkipRate", 1.0,
        "slashing.fraud.jail", jail, "slashing.fraud.penalty", 0.05,
        "staking.minimum", minimumStake, "operators.joinLeave", false);
  }

  /** The lazy node's started and completed rows, in order, with their times. */
  record Row(double time, TraceEvent event) {}

  static List<Row> lazyRows(Scenario s, EconomicsSummary[] summary) {
    List<Row> rows = new ArrayList<>();
    RunResult r = new World(s).trace((time, event, job, node) -> {
      if (node == LAZY && (event == TraceEvent.STARTED || event == TraceEvent.COMPLETED)) {
        rows.add(new Row(time, event));
      }
    }).run();
    summary[0] = r.economics();
    return rows;
  }

  static double firstCompletion(List<Row> rows) {
    return rows.stream().filter(r -> r.event() == TraceEvent.COMPLETED).mapToDouble(Row::time)
        .findFirst().orElseThrow(() -> new AssertionError("the lazy node never completed"));
  }

  /** The rows after the first completed row, in event order. */
  static List<Row> afterFirstCompletion(List<Row> rows) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).event() == TraceEvent.COMPLETED) {
        return rows.subList(i + 1, rows.size());
      }
    }
    throw new AssertionError("the lazy node never completed");
  }

  @Test
  void aJailedLazyOperatorGetsNoWorkAfterItsVerdictWhateverTheEpoch() {
    for (double epoch : new double[] {300, 3600}) {
      EconomicsSummary[] e = new EconomicsSummary[1];
      // jailed for a week: longer than the run
      List<Row> rows = lazyRows(scenario(economy(epoch, 7 * 86400, 0)), e);
      double jailed = firstCompletion(rows);
      // rows in event order: a lazy node answers at once, so its caught job starts at the
      // very time it is jailed; what counts is any start after that completion row
      long startedAfter = afterFirstCompletion(rows).stream()
          .filter(r -> r.event() == TraceEvent.STARTED).count();
      long junkAfter = rows.stream()
          .filter(r -> r.event() == TraceEvent.COMPLETED && r.time() > jailed).count();
      assertTrue(jailed < 3600, "the lazy node was caught early: " + jailed);
      assertEquals(0, startedAfter, "epoch " + epoch + ": jobs started on the jailed node");
      assertEquals(0, junkAfter, "epoch " + epoch + ": junk results after jailing");
      assertEquals(1, e[0].jobs().junk(), "one junk result, the one that was caught");
      assertEquals(0, e[0].jobs().junkAccepted());
    }
  }

  @Test
  void aSlashBelowTheMinimumStakeTakesTheNodeOutAtOnce() {
    // no jail: the 5% fraud slash takes the bonded 5000 to 4750, under the 4800 minimum, so
    // the operator is out until the epoch's top-up re-bonds it (it has no liquid tokens to
    // re-bond before some reward, so it stays out for at least the rest of that epoch)
    double epoch = 3600;
    EconomicsSummary[] e = new EconomicsSummary[1];
    List<Row> rows = lazyRows(scenario(economy(epoch, 0, 4800)), e);
    double out = firstCompletion(rows);
    double nextEpoch = Math.ceil(out / epoch) * epoch;
    long startedBefore = afterFirstCompletion(rows).stream()
        .filter(r -> r.event() == TraceEvent.STARTED && r.time() < nextEpoch).count();
    assertTrue(out < nextEpoch);
    assertEquals(0, startedBefore, "jobs started between the slash at " + out
        + " s and the next epoch at " + nextEpoch + " s");
  }

  @Test
  void aReleasedOperatorReturnsAtTheEpochThatFreesIt() {
    // jailed for 20 minutes; jails are released at epoch ends (as Cosmos validators unjail
    // after the jail period, here at the first epoch end past it): it takes work again then,
    // is caught at its next result, and so on
    double epoch = 300;
    double jail = 1200;
    EconomicsSummary[] e = new EconomicsSummary[1];
    List<Row> rows = lazyRows(scenario(economy(epoch, jail, 0)), e);
    double caught = -1;
    int cycles = 0;
    for (Row r : rows) {
      if (r.event() == TraceEvent.STARTED && caught >= 0) {
        double release = Math.ceil((caught + jail) / epoch) * epoch;
        assertTrue(r.time() >= release - 1e-9, "started at " + r.time()
            + " s, jailed at " + caught + " s until the epoch end at " + release + " s");
        caught = -1;
      } else if (r.event() == TraceEvent.COMPLETED) {
        assertTrue(caught < 0, "two results in one spell of freedom");
        caught = r.time();
        cycles++;
      }
    }
    assertTrue(cycles >= 4, "caught and released repeatedly: " + cycles);
  }
}
