package dev.weft.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.experiment.SummaryMetrics;
import dev.weft.run.RunResult;
import dev.weft.run.TimeSeries;
import dev.weft.run.World;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.Includes;
import dev.weft.yaml.YNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change with an activation time: until then the proposed side is the baseline's run, to
 * the last digit of every economics column; from then on the new reward split and check rate
 * act (the treasury's income per epoch changes by the ratio of the shares).
 */
class ActivationTest {
  @TempDir
  Path dir;

  @Test
  void beforeActivationBothSidesAreTheSameRunAfterItTheChangeActs() throws Exception {
    Path base = CompareTestFiles.write(dir, "tiny.yaml", CompareTestFiles.TINY);
    YNode tree = Includes.read(base);
    ScenarioLoader.Loaded loaded = ScenarioLoader.bind(tree, List.of());
    ProposalLoader loader = new ProposalLoader(base, tree, loaded, MetricCatalog.of(tree));
    Proposal split = loader.load(CompareTestFiles.write(dir, "split.yaml", """
        proposal: Treasury takes more
        base: tiny.yaml
        changes:
          economics.rewards.split: {compute: 0.4, verifiers: 0.1, treasury: 0.5}
        activation: 3h
        objectives:
          - {metric: economics.treasury, better: higher, minImprovement: 0}
        """));
    assertEquals(1, split.upgrades().size());
    assertEquals(3 * 3600, split.upgrades().get(0).at());

    RunResult before = new World(loaded.scenario(), loaded.resources()).run();
    RunResult after = Comparison.world(split, loaded.scenario().seed()).run();
    int rowsBefore = sameUntil(before, after, 3 * 3600);
    assertEquals(17, rowsBefore); // samples every 10 min: 10 min .. 2 h 50 min
    // after it the treasury takes 0.5 instead of 0.2 of the same pool (the epoch's fees: the
    // split moves no job), so its gain per epoch is 2.5 times the baseline's
    double[] tb = before.economySeries().column("treasury");
    double[] ta = after.economySeries().column("treasury");
    int last = tb.length - 1;
    int epochBack = last - 3; // 30 min epoch = 3 samples of 10 min
    double gainBase = tb[last] - tb[epochBack];
    double gainProp = ta[last] - ta[epochBack];
    assertTrue(gainBase > 0, "the baseline's treasury grows");
    assertEquals(2.5, gainProp / gainBase, 1e-6, "treasury gain ratio after the activation");
    // the payout at 2 h 30 min follows the old split; the one at 3 h, the activation instant,
    // already the new one (the upgrade is at 3 h, the epoch's payout too, after it)
    int at3h = 17; // row i is at (i + 1) x 10 min
    assertEquals(tb[at3h - 3] - tb[at3h - 6], ta[at3h - 3] - ta[at3h - 6]);
    assertEquals(2.5, (ta[at3h] - ta[at3h - 3]) / (tb[at3h] - tb[at3h - 3]), 1e-6);

    Proposal checks = loader.load(CompareTestFiles.write(dir, "checks.yaml", """
        proposal: Checks up at 3 h
        base: tiny.yaml
        changes:
          economics.verification.spotCheckRate: 0.5
        activation: 3h
        objectives:
          - {metric: economics.roi.lazy, below: 0}
        """));
    RunResult stepped = Comparison.world(checks, loaded.scenario().seed()).run();
    assertEquals(17, sameUntil(before, stepped, 3 * 3600));
    // ten times the rate for the second half of the run: far more checks than the baseline
    double checksBase = SummaryMetrics.of(before).get("economics.jobs.checks");
    double checksProp = SummaryMetrics.of(stepped).get("economics.jobs.checks");
    assertTrue(checksProp > 3 * checksBase, checksProp + " vs " + checksBase);
  }

  /** Rows of both series sampled before {@code t}, asserted identical; returns their count. */
  private static int sameUntil(RunResult a, RunResult b, double t) {
    TimeSeries ea = a.economySeries();
    TimeSeries eb = b.economySeries();
    double[] time = ea.column("time");
    int n = 0;
    for (int i = 0; i < time.length && time[i] < t; i++) {
      assertArrayEquals(ea.rows().get(i), eb.rows().get(i), "economics at t = " + time[i]);
      assertArrayEquals(a.series().rows().get(i), b.series().rows().get(i), "jobs at " + time[i]);
      n++;
    }
    return n;
  }

  @Test
  void aRampMovesNumbersLinearlyInTenStepsAndRefusesWords() throws Exception {
    Path base = CompareTestFiles.write(dir, "tiny.yaml", CompareTestFiles.TINY);
    Path prop = CompareTestFiles.write(dir, "ramp.yaml", """
        proposal: Checks up over an hour
        base: tiny.yaml
        changes:
          economics.rewards.split: {compute: 0.5, verifiers: 0.3, treasury: 0.2}
          economics.verification.spotCheckRate: 0.15
        activation: {at: 1h, ramp: 1h}
        objectives:
          - {metric: economics.roi.lazy, below: 0}
        """);
    YNode tree = Includes.read(base);
    ScenarioLoader.Loaded loaded = ScenarioLoader.bind(tree, List.of());
    ProposalLoader loader = new ProposalLoader(base, tree, loaded, MetricCatalog.of(tree));
    Proposal p = loader.load(prop);
    assertEquals(10, p.upgrades().size());
    for (int i = 1; i <= 10; i++) {
      var u = p.upgrades().get(i - 1);
      assertEquals(3600 + 360.0 * i, u.at(), 1e-9);
      assertEquals(0.05 + 0.01 * i, u.scenario().economics().verification().spotCheckRate(),
          1e-12);
      assertEquals(0.7 - 0.02 * i, u.scenario().economics().rewards().split().compute(), 1e-12);
    }
    Path words = CompareTestFiles.write(dir, "words.yaml", """
        proposal: Redundancy over an hour
        base: tiny.yaml
        changes:
          economics.verification.policy: redundancy
        activation: {at: 1h, ramp: 1h}
        objectives:
          - {metric: economics.roi.lazy, below: 0}
        """);
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.weft.yaml.InputException.class,
        () -> loader.load(words));
    assertEquals("words.yaml:4:3: activation.ramp: 'economics.verification.policy' is not a"
        + " number on both sides, so it cannot ramp; drop the ramp",
        e.errors().get(0).toString().replaceAll("^.*/", ""));
  }
}
