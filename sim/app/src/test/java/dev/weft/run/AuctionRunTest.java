package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reverse auction through a whole run, on the shipped scenario shortened to 3 hours: L40S
 * providers bid 0.45 per GPU-hour and A100 providers 0.64 (catalog hardware written off over
 * three years plus power, 15% markup). Before, bids only broke exact delay ties, so the classes
 * split the jobs, and both pricing rules paid the pool the same.
 */
class AuctionRunTest {
  @TempDir Path dir;

  private RunResult run(String... overrides) throws Exception {
    String yaml = Files.readString(Path.of("../../scenarios/economics-auction.yaml"))
        .replace("duration: 2d", "duration: 3h");
    Path f = dir.resolve("auction.yaml");
    Files.writeString(f, yaml);
    var l = ScenarioLoader.load(f, List.of(overrides));
    return new World(l.scenario(), l.resources()).run();
  }

  private static long completed(RunResult r, String cls) {
    return r.nodeClasses().stream().filter(c -> c.name().equals(cls)).findFirst().orElseThrow()
        .completed();
  }

  @Test
  void theCheapClassWinsMostJobsAndSecondPricePaysMore() throws Exception {
    RunResult second = run();
    RunResult asBid = run("economics.fees.auctionPricing=pay-as-bid");
    long l40s = completed(second, "l40s");
    long a100 = completed(second, "a100");
    // demand (about 147 jobs in service) exceeds the 100 L40S: they stay nearly full and the
    // A100s take the overflow, so the cheap class does well over half the work
    assertTrue(l40s > 2 * a100, "l40s " + l40s + ", a100 " + a100);
    assertTrue(a100 > 0, "the dear class wins when the cheap one is full");
    assertEquals(l40s, completed(asBid, "l40s"), "the pricing rule does not move placement");
    double fees2 = second.economics().jobs().feesFiat();
    double fees1 = asBid.economics().jobs().feesFiat();
    assertTrue(fees2 > fees1, "second price " + fees2 + " against pay-as-bid " + fees1);
    RunResult leastLoaded = run("scheduler.policy=least-loaded");
    double share = completed(leastLoaded, "l40s")
        / (double) (completed(leastLoaded, "l40s") + completed(leastLoaded, "a100"));
    assertEquals(0.5, share, 0.05, "ranked by delay, the classes share the jobs");
  }
}
