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
    Path prop = CompareTestFiles.write(dir, "p.yaml", """
        proposal: Treasury takes more, checks double
        base: tiny.yaml
        changes:
          economics.rewards.split: {compute: 0.4, verifiers: 0.1, treasury: 0.5}
          economics.verification.spotCheckRate: 0.5
        activation: 3h
        objectives:
          - {metric: economics.treasury, better: higher, minImprovement: 0}
        """);
    YNode tree = Includes.read(base);
    ScenarioLoader.Loaded loaded = ScenarioLoader.bind(tree, List.of());
    Proposal p = new ProposalLoader(base, tree, loaded, MetricCatalog.of(tree)).load(prop);
    assertEquals(1, p.upgrades().size());
    assertEquals(3 * 3600, p.upgrades().get(0).at());

    RunResult before = new World(loaded.scenario(), loaded.resources()).run();
    RunResult after = Comparison.world(p, loaded.scenario().seed()).run();
    TimeSeries b = before.economySeries();
    TimeSeries a = after.economySeries();
    double[] time = b.column("time");
    int rowsBefore = 0;
    for (int i = 0; i < time.length; i++) {
      if (time[i] < 3 * 3600) {
        assertArrayEquals(b.rows().get(i), a.rows().get(i), "row at t = " + time[i]);
        rowsBefore++;
      }
    }
    assertEquals(17, rowsBefore); // samples every 10 min: 10 min .. 2 h 50 min
    // the job series too: same jobs, same nodes, same times until the activation
    for (int i = 0; i < rowsBefore; i++) {
      assertArrayEquals(before.series().rows().get(i), after.series().rows().get(i));
    }
    // after it, the treasury gains per epoch 0.5 / 0.2 = 2.5 times as much of the same pool
    // (fees do not depend on the split; the pool is the epoch's fees); compare the last epoch
    double[] tb = b.column("treasury");
    double[] ta = a.column("treasury");
    int last = tb.length - 1;
    int epochBack = last - 3; // 30 min epoch = 3 samples of 10 min
    double gainBase = tb[last] - tb[epochBack];
    double gainProp = ta[last] - ta[epochBack];
    assertTrue(gainBase > 0, "the baseline's treasury grows");
    assertEquals(2.5, gainProp / gainBase, 0.25, "treasury gain ratio after the activation");
    // and the spot checks stepped up: ten times the rate checks far more jobs
    double checksBase = SummaryMetrics.of(before).get("economics.jobs.checks");
    double checksProp = SummaryMetrics.of(after).get("economics.jobs.checks");
    assertTrue(checksProp > 3 * checksBase, checksProp + " vs " + checksBase);
  }
}
