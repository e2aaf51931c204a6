package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.DistSpec;
import dev.weft.scheduling.Schedulers;
import org.junit.jupiter.api.Test;

class WorldTest {

  private static void assertConserved(JobStats j) {
    assertEquals(j.submitted(), j.completed() + j.failed() + j.expired() + j.inFlight());
    assertTrue(j.inFlight() >= 0);
  }

  @Test
  void everyPolicyConservesJobs() {
    for (String policy : Schedulers.names()) {
      RunResult r = new World(Scenarios.withChurn(Scenarios.queue(policy, 20, 15,
          DistSpec.exponentialMean(1.0), 5000, 500, 1), DistSpec.exponentialMean(300),
          DistSpec.exponentialMean(30))).run();
      assertConserved(r.jobs());
      assertTrue(r.jobs().completed() > 50_000, policy);
      assertTrue(r.nodes().onlineMean() < 20 && r.nodes().onlineMean() > 15, policy);
    }
  }

  @Test
  void deadlinesExpireJobs() {
    // overloaded: 2 servers, load 1.5; waits grow, so many jobs pass a 5 s deadline
    RunResult r = new World(Scenarios.withDeadline(Scenarios.queue("fifo-central", 2, 3,
        DistSpec.exponentialMean(1.0), 2000, 100, 5), 5.0)).run();
    assertConserved(r.jobs());
    assertTrue(r.jobs().expired() > 100);
    assertTrue(r.jobs().latency().p99() <= 5.0 + 1e-9, "no job completes after its deadline");
    assertTrue(r.jobs().deadlineMissRate() > 0.1);
  }

  @Test
  void churnFailsJobsBeyondRetries() {
    // nodes fail every ~10 s on average while jobs take ~20 s: most need retries, some fail
    RunResult r = new World(Scenarios.withChurn(Scenarios.queue("least-loaded", 10, 0.2,
        DistSpec.constant(20), 20_000, 1000, 2), DistSpec.exponentialMean(10),
        DistSpec.exponentialMean(1))).run();
    assertConserved(r.jobs());
    assertTrue(r.jobs().failed() > 0);
    assertTrue(r.jobs().completed() > 0);
  }

  @Test
  void sameSeedSameResultOtherSeedDiffers() {
    var s = Scenarios.queue("power-of-two", 8, 6, DistSpec.exponentialMean(1.0), 3000, 100, 9);
    RunResult a = new World(s).run();
    RunResult b = new World(s).run();
    assertEquals(a.jobs(), b.jobs());
    assertEquals(a.events(), b.events());
    assertArrayEquals(a.series().column("queued"), b.series().column("queued"));
    RunResult c = new World(s.withSeed(10)).run();
    assertNotEquals(a.jobs(), c.jobs());
  }

  @Test
  void timeSeriesCoversTheRun() {
    RunResult r = new World(Scenarios.queue("random", 4, 2, DistSpec.exponentialMean(1.0), 1000,
        0, 1)).run();
    double[] t = r.series().column("time");
    assertEquals(50, t.length);
    assertEquals(1000.0, t[t.length - 1], 1e-9);
    double completed = 0;
    for (double x : r.series().column("completed")) {
      completed += x;
    }
    assertEquals(r.jobs().completed(), (long) completed); // warm-up 0: all jobs counted
  }
}
