package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.economics.EconomicsSummary;
import dev.weft.workload.Job;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The economics summary's flows count the same window as the job statistics, warm-up to end:
 * its job counts equal the trace rows after warm-up, and its whole-run supply totals still
 * balance.
 */
class EconomicsWindowTest {

  @Test
  void economicsJobCountsMatchTheTraceAfterWarmUp() {
    var s = EconomicsRunTest.scenario(EconomicsRunTest.defaults(), "least-loaded",
        Map.of("honest", 0.8, "flaky", 0.2));
    double warmup = s.warmup();
    assertTrue(warmup > 0);
    long[] completed = new long[2]; // trace rows: in the warm-up, after it
    long[] failed = new long[2];
    RunResult r = new World(s).trace((double t, TraceEvent e, Job job, int node) -> {
      int side = t < warmup ? 0 : 1;
      if (e == TraceEvent.COMPLETED) {
        completed[side]++;
      } else if (e == TraceEvent.EXECUTION_FAILED) {
        failed[side]++;
      }
    }).run();
    EconomicsSummary e = r.economics();
    assertTrue(completed[0] > 0 && failed[0] > 0, "the warm-up has activity");
    assertEquals(completed[1], e.jobs().completed());
    assertEquals(failed[1], e.jobs().failed());
    EconomicsRunTest.assertSupplyConserved(e); // supply totals stay whole-run
  }

  @Test
  void sinceStartFiguresEqualTheWindowedOnesWithoutWarmUp() {
    var s = TestRecords.with(EconomicsRunTest.scenario(TestRecords.with(
        EconomicsRunTest.defaults(), "verification.policy", "spot-check",
        "verification.spotCheckRate", 0.2), "least-loaded",
        Map.of("honest", 0.9, "lazy", 0.1)), "warmup", 0.0);
    EconomicsSummary e = new World(s).run().economics();
    assertTrue(e.slashed() > 0);
    assertEquals(e.slashed(), e.slashedSinceStart(), 1e-9 * e.slashed());
    e.roi().forEach((k, v) -> assertEquals(v, e.roiSinceStart().get(k),
        Double.isNaN(v) ? 0 : 1e-9 * Math.abs(v), k));
  }
}
