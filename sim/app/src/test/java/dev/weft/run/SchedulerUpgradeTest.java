package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.Scenario;
import dev.weft.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A placement policy swapped mid-run ({@link World#upgrade}): the backlog a central queue held
 * is handed to the new policy at once, the run's counters still agree with its jobs, and the
 * same upgrade gives the same run twice.
 */
class SchedulerUpgradeTest {
  @TempDir
  Path dir;

  /** Four one-slot nodes offered 1.2 times what they serve: a backlog builds up. */
  private static final String OVERLOADED = """
      name: overloaded
      seed: 5
      duration: 2h
      nodes:
        - {name: n, count: 4, slots: 1}
      workload:
        - name: jobs
          arrivals: {process: poisson, rate: 4.8/m}
          service: {dist: exponential, mean: 60s}
      scheduler: {policy: fifo-central, retries: 2}
      outputs: {metricsInterval: 10m}
      """;

  private ScenarioLoader.Loaded load(String text) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, text);
    return ScenarioLoader.load(f, List.of());
  }

  private static int centralLive(World w) {
    int n = 0;
    for (Placement.Group g : w.placement().groups()) {
      n += g.centralLive;
    }
    return n;
  }

  @Test
  void aCentralBacklogGoesToTheNewPolicyAtTheSwitch() throws Exception {
    ScenarioLoader.Loaded base = load(OVERLOADED);
    Scenario after = load(OVERLOADED.replace("fifo-central", "least-loaded")).scenario();
    World fifo = new World(base.scenario(), base.resources());
    fifo.run();
    assertTrue(centralLive(fifo) > 10, "fifo-central holds its backlog centrally: "
        + centralLive(fifo));
    World w = new World(base.scenario(), base.resources()).upgrade(3600, after);
    Bookkeeping books = new Bookkeeping(w);
    RunResult switched = w.run();
    books.check(w);
    // least-loaded queues on the nodes: nothing waits centrally while a node is online
    assertEquals(0, centralLive(w));
    World again = new World(base.scenario(), base.resources()).upgrade(3600, after);
    RunResult twice = again.run();
    assertEquals(switched.series().rows().size(), twice.series().rows().size());
    for (int i = 0; i < switched.series().rows().size(); i++) {
      assertArrayEquals(switched.series().rows().get(i), twice.series().rows().get(i));
    }
  }

  @Test
  void anUpgradeMayNotTouchWhatHoldsState() throws Exception {
    ScenarioLoader.Loaded base = load(OVERLOADED);
    Scenario more = load(OVERLOADED.replace("count: 4", "count: 5")).scenario();
    World w = new World(base.scenario(), base.resources());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> w.upgrade(60, more));
    assertEquals("only scheduler, economics.verification, economics.rewards.split,"
        + " economics.rewards.unclaimed, economics.slashing, economics.fees, economics.emission,"
        + " economics.staking.minimum, economics.staking.unbonding can change mid-run",
        e.getMessage());
  }
}
