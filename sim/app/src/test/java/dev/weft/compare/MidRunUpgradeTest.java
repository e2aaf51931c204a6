package dev.weft.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.run.RunResult;
import dev.weft.run.TimeSeries;
import dev.weft.run.TraceEvent;
import dev.weft.run.World;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Includes;
import dev.weft.yaml.YNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proposals on slashing, fees, emission and placement that activate mid-run: until the
 * activation the proposed side is the baseline's run, row for row; after it, the figure the
 * new parameters give by hand. The tiny economy samples every 10 min with 30 min epochs.
 */
class MidRunUpgradeTest {
  private static final String HEAD = """
      proposal: A mid-run upgrade
      base: tiny.yaml
      """;
  private static final String OBJECTIVE = """
      objectives:
        - {metric: economics.treasury, better: higher, minImprovement: 0}
      """;

  @TempDir
  Path dir;

  private ScenarioLoader.Loaded loaded;
  private ProposalLoader loader;

  private void baseline(String text) throws Exception {
    Path base = CompareTestFiles.write(dir, "tiny.yaml", text);
    YNode tree = Includes.read(base);
    loaded = ScenarioLoader.bind(tree, List.of());
    loader = new ProposalLoader(base, tree, loaded, MetricCatalog.of(tree));
  }

  private Proposal proposal(String changesAndActivation) throws Exception {
    return loader.load(CompareTestFiles.write(dir, "p.yaml", HEAD + changesAndActivation
        + OBJECTIVE));
  }

  private RunResult base() {
    return new World(loaded.scenario(), loaded.resources()).run();
  }

  /** The proposed side's run, with the baseline's seed. */
  private RunResult proposed(Proposal p) {
    return Comparison.world(p, loaded.scenario().seed()).run();
  }

  /** Rows of both sides' series sampled before {@code t}, asserted identical; their count. */
  private static int sameUntil(RunResult a, RunResult b, double t) {
    double[] time = a.economySeries().column("time");
    int n = 0;
    for (int i = 0; i < time.length && time[i] < t; i++) {
      assertArrayEquals(a.economySeries().rows().get(i), b.economySeries().rows().get(i),
          "economics at t = " + time[i]);
      assertArrayEquals(a.series().rows().get(i), b.series().rows().get(i), "jobs at " + time[i]);
      n++;
    }
    return n;
  }

  @Test
  void slashesAfterTheActivationTakeTheNewPenalty() throws Exception {
    baseline(CompareTestFiles.TINY);
    Proposal p = proposal("""
        changes:
          economics.slashing.fraud.penalty: 0
        activation: 3h
        """);
    RunResult before = base();
    RunResult after = proposed(p);
    assertEquals(17, sameUntil(before, after, 3 * 3600)); // 10 min .. 2 h 50 min
    double[] sb = before.economySeries().column("slashed");
    double[] sa = after.economySeries().column("slashed");
    int last = sb.length - 1;
    assertTrue(sb[last] > sb[17], "the baseline keeps slashing lazy operators");
    // up to 3 h (the sample at 3 h included) the old penalty; every fraud found after it is
    // slashed 0% of its stake: not a token more
    assertEquals(sb[17], sa[17], 0);
    for (int i = 17; i <= last; i++) {
      assertEquals(sa[17], sa[i], 0, "slashed at row " + i);
    }
  }

  @Test
  void jobsPricedAfterTheActivationPayTheEip1559BaseFee() throws Exception {
    baseline(CompareTestFiles.TINY);
    Proposal p = proposal("""
        changes:
          economics.fees: {model: eip1559, pricePerGpuHour: 4.0, burn: 1}
        activation: 165m
        """);
    RunResult before = base();
    RunResult after = proposed(p);
    assertEquals(16, sameUntil(before, after, 2.75 * 3600));
    double[] fee = after.economySeries().column("baseFee");
    double[] burned = after.economySeries().column("burned");
    // at 2 h 50 min: the new list price 4 over the token price 1, not yet moved by an epoch
    assertEquals(4.0, fee[16], 1e-12);
    double[] burnedBase = before.economySeries().column("burned"); // slashes only (burn 0)
    assertTrue(burned[16] > burnedBase[16], "the base fee is burned from the switch on");
    // the epoch end at 3 h moves it by at most 1/8 either way
    assertTrue(fee[17] >= 3.5 - 1e-12 && fee[17] <= 4.5 + 1e-12, "" + fee[17]);
    // prices move no job here (no one joins or leaves): the job series never differ
    assertEquals(before.series().rows().size(), after.series().rows().size());
    for (int i = 0; i < before.series().rows().size(); i++) {
      assertArrayEquals(before.series().rows().get(i), after.series().rows().get(i));
    }
  }

  @Test
  void epochsEndingAfterTheActivationMintTheNewSchedule() throws Exception {
    baseline(CompareTestFiles.TINY);
    Proposal p = proposal("""
        changes:
          economics.emission: {schedule: constant, initialPerDay: 2400}
        activation: 165m
        """);
    RunResult before = base();
    RunResult after = proposed(p);
    assertEquals(16, sameUntil(before, after, 2.75 * 3600));
    double[] minted = after.economySeries().column("minted");
    assertEquals(0, minted[16], "nothing minted before the first epoch end after it");
    // from the epoch ending at 3 h on, each 30 min epoch mints 2400 / 48 = 50 tokens
    for (int i = 17; i < minted.length; i++) {
      int epochs = (i - 17) / 3 + 1; // row i is at (i + 1) x 10 min
      assertEquals(50.0 * epochs, minted[i], 1e-9, "minted at row " + i);
    }
  }

  @Test
  void aRaisedMinimumStakeIsBondedAtTheActivation() throws Exception {
    baseline(CompareTestFiles.TINY);
    Proposal p = proposal("""
        changes:
          economics.staking: {minimum: 5000}
        activation: 165m
        """);
    RunResult before = base();
    RunResult after = proposed(p);
    assertEquals(16, sameUntil(before, after, 2.75 * 3600));
    double[] staked = after.economySeries().column("staked");
    double[] stakedBase = before.economySeries().column("staked");
    // 20 operators topped up from 2000 to 5000 at 2 h 45 min; by the sample at 2 h 50 min a
    // lazy one may have lost 0.05% of 5000 (2.5 tokens) to a spot check
    assertTrue(staked[16] <= 20 * 5000 && staked[16] > 20 * 5000 - 10, "" + staked[16]);
    assertTrue(stakedBase[16] <= 20 * 2000, "" + stakedBase[16]);
  }

  @Test
  void placementsAfterTheActivationGoByTheNewPolicy() throws Exception {
    // five nodes with a million tokens staked, five with none: least-loaded shares the work,
    // stake-weighted gives a node without stake one chance in about 10^15 per job
    baseline(CompareTestFiles.TINY.replace(
        "  - {name: ops, count: 20, stake: 2000, behaviour: {honest: 0.7, lazy: 0.3}}",
        "  - {name: rich, count: 5, stake: 1000000}\n  - {name: poor, count: 5, stake: 0}")
        .replace("rate: 12/m", "rate: 3/m"));
    Proposal p = proposal("""
        changes:
          scheduler.policy: stake-weighted
        activation: 3h
        """);
    RunResult before = base();
    int[] poor = new int[2]; // jobs started on a stakeless node: submitted before, after 3 h
    RunResult after = Comparison.world(p, loaded.scenario().seed())
        .trace((time, event, job, node) -> {
          if (event == TraceEvent.STARTED && job != null && node >= 5) {
            poor[job.submitted() < 3 * 3600 ? 0 : 1]++;
          }
        }).run();
    assertEquals(17, sameUntil(before, after, 3 * 3600));
    assertTrue(poor[0] > 50, "least-loaded gave the stakeless nodes work: " + poor[0]);
    assertEquals(0, poor[1], "stake-weighted gives them none");
  }

  @Test
  void pathsThatHoldStateAreRefusedWithTheListOfThoseThatCanChange() throws Exception {
    baseline(CompareTestFiles.TINY);
    InputException e = assertThrows(InputException.class, () -> proposal("""
        changes:
          economics.token.initialSupply: 2e9
          economics.fees.model: eip1559
        activation: 3h
        """));
    assertEquals(1, e.errors().size());
    assertEquals("p.yaml:4:3: 'economics.token.initialSupply' cannot change mid-run: it is not"
        + " a protocol parameter a vote switches on a live network, or it holds state that"
        + " cannot switch; with an activation, changes are limited to scheduler,"
        + " economics.verification, economics.rewards.split, economics.rewards.unclaimed,"
        + " economics.slashing, economics.fees, economics.emission, economics.staking.minimum,"
        + " economics.staking.unbonding (and paths under them); drop activation to"
        + " apply it from the start", e.errors().get(0).toString().replaceAll("^.*/", ""));
    InputException parent = assertThrows(InputException.class, () -> proposal("""
        changes:
          economics.staking: {minimum: 500, delegation: 2}
        activation: 3h
        """));
    assertTrue(parent.errors().get(0).toString().contains("p.yaml:4:3: 'economics.staking' (its"
        + " 'economics.staking.delegation') cannot change mid-run"), parent.errors().toString());
    InputException ramp = assertThrows(InputException.class, () -> proposal("""
        changes:
          economics.fees.model: eip1559
        activation: {at: 1h, ramp: 1h}
        """));
    assertTrue(ramp.errors().get(0).toString().contains("'economics.fees.model' is not a number"
        + " on both sides, so it cannot ramp"), ramp.errors().get(0).toString());
  }

  @Test
  void aRampStepsWholeNumberSettingsToWholeNumbersAndPricesLinearly() throws Exception {
    baseline(CompareTestFiles.TINY);
    Proposal p = proposal("""
        changes:
          economics.fees.maxChangeDenominator: 4
          economics.fees.pricePerGpuHour: 4.0
        activation: {at: 1h, ramp: 1h}
        """);
    int[] denominators = {8, 7, 7, 6, 6, 6, 5, 5, 4, 4}; // 8 - 0.4 i, to the nearest
    for (int i = 1; i <= 10; i++) {
      var fees = p.upgrades().get(i - 1).scenario().economics().fees();
      assertEquals(denominators[i - 1], fees.maxChangeDenominator(), "step " + i);
      assertEquals(3.0 + 0.1 * i, fees.pricePerGpuHour(), 1e-12, "step " + i);
    }
  }

  @Test
  void aRampMovesAQuantityWrittenWithItsUnit() throws Exception {
    baseline(CompareTestFiles.TINY);
    Proposal p = proposal("""
        changes:
          economics.staking.unbonding: 4d
        activation: {at: 1h, ramp: 1h}
        """);
    // from the default 14 d to 4 d, a tenth of the way (1 d) at each step
    for (int i = 1; i <= 10; i++) {
      assertEquals((14 - i) * 86400.0,
          p.upgrades().get(i - 1).scenario().economics().staking().unbonding(), 1e-6,
          "step " + i);
    }
  }

  @Test
  void theReportSaysWhenInTheUnitAReaderWould() {
    assertEquals("2 h", ComparisonReport.time(7200));
    assertEquals("20 min", ComparisonReport.time(1200));
    assertEquals("90 min", ComparisonReport.time(5400));
    assertEquals("45 s", ComparisonReport.time(45));
    assertEquals("0.5000 s", ComparisonReport.time(0.5));
  }

  @Test
  void aRampOfTheFraudPenaltySlashesMoreAtEachStep() throws Exception {
    baseline(CompareTestFiles.TINY);
    Proposal p = proposal("""
        changes:
          economics.slashing.fraud.penalty: 0.0105
        activation: {at: 1h, ramp: 1h}
        """);
    assertEquals(10, p.upgrades().size());
    for (int i = 1; i <= 10; i++) {
      assertEquals(0.0005 + 0.001 * i,
          p.upgrades().get(i - 1).scenario().economics().slashing().fraud().penalty(), 1e-12);
    }
    RunResult before = base();
    RunResult after = proposed(p);
    assertEquals(5, sameUntil(before, after, 3600));
    TimeSeries b = before.economySeries();
    TimeSeries a = after.economySeries();
    int last = b.rows().size() - 1;
    assertTrue(a.column("slashed")[last] > 5 * b.column("slashed")[last],
        "twenty times the penalty for most of the run");
  }
}
