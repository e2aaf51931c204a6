package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-job path allocates nothing once warm (amortized array growth aside). */
class AllocationTest {

  @Test
  void jobsAllocateAlmostNothing() {
    var bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
    var sun = (com.sun.management.ThreadMXBean) bean;
    for (String check : new String[] {"spot-check", "redundancy", "optimistic"}) {
      EconomicsConfig c = Configs.economics("verification={policy:" + check
          + ",spotCheckRate:0.3,challengePeriod:10m}", "fees.model=eip1559",
          "slashing.fraud.jail=0", "operators.joinLeave=false");
      Economy e = Economy.create(c, Configs.operators(1000, "a", Behaviour.HONEST, 100,
          Configs.fixedCostPerDay(1)), new RandomStreams(1));
      double t = 0;
      for (int i = 0; i < 50_000; i++) {
        t += 0.05;
        e.onJobCompleted(i % 1000, 30, 100, t);
      }
      long tid = Thread.currentThread().getId();
      long before = sun.getThreadAllocatedBytes(tid);
      int jobs = 200_000;
      for (int i = 0; i < jobs; i++) {
        t += 0.05;
        e.onJobCompleted(i % 1000, 30, 100, t);
      }
      long perJob = (sun.getThreadAllocatedBytes(tid) - before) / jobs;
      assertTrue(perJob < 8, check + ": " + perJob + " bytes per job");
    }
  }
}
