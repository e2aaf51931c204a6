package dev.weft.hardware;

import static dev.weft.hardware.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prediction chain: measured, interpolated, calibrated roofline, spec roofline. */
class KernelModelTest {
  static final String H = "h100-sxm";

  static KernelQuery g(long m) {
    return KernelQuery.gemm(H, Dtype.BF16, m, 6144, 4096);
  }

  /** A measured GEMM line shaped like our H100 table: flat, then rising with a few steps. */
  static KernelTable staircase() {
    long[] m = {1, 16, 64, 128, 256, 300, 512, 1000, 1024, 2048, 4096};
    double[] t = {22e-6, 22.4e-6, 21.9e-6, 22.5e-6, 24.9e-6, 27.7e-6, 36.8e-6, 70.9e-6,
        71.3e-6, 135e-6, 274e-6};
    List<KernelRow> rows = new ArrayList<>();
    for (int i = 0; i < m.length; i++) {
      rows.add(row(g(m[i]), t[i]));
    }
    return KernelTable.of(rows);
  }

  static KernelModel model(KernelTable t) {
    return KernelModel.of(Fixtures.catalog(), t, List.of());
  }

  @Test
  void exactOnEveryGridPoint() {
    KernelTable t = staircase();
    KernelModel km = model(t);
    for (KernelRow r : t.rows()) {
      Prediction p = km.predict(r.query());
      assertEquals(Label.MEASURED, p.label());
      assertEquals(r.seconds(), p.seconds(), 0.0);
    }
  }

  @Test
  void monotoneAndBoundedBetweenGridPoints() {
    KernelTable t = staircase();
    KernelModel km = model(t);
    List<KernelRow> rows = t.rows();
    for (int i = 0; i + 1 < rows.size(); i++) {
      long m1 = rows.get(i).query().m();
      long m2 = rows.get(i + 1).query().m();
      double t1 = rows.get(i).seconds();
      double t2 = rows.get(i + 1).seconds();
      double prev = t1;
      for (long m = m1 + 1; m < m2; m++) {
        Prediction p = km.predict(g(m));
        assertEquals(Label.INTERPOLATED, p.label(), "m=" + m);
        assertTrue(p.seconds() >= Math.min(t1, t2) && p.seconds() <= Math.max(t1, t2),
            "m=" + m + " outside its neighbours");
        if (t2 >= t1) {
          assertTrue(p.seconds() >= prev - 1e-18, "not monotone at m=" + m);
        } else {
          assertTrue(p.seconds() <= prev + 1e-18, "not monotone at m=" + m);
        }
        prev = p.seconds();
      }
    }
  }

  @Test
  void neverBelowTheTimeAfterAMeasuredStep() {
    KernelModel km = model(KernelTable.of(List.of(row(g(1), 15e-6), row(g(127), 15e-6),
        row(g(129), 25e-6), row(g(256), 26e-6))));
    for (long m = 130; m < 256; m++) {
      assertTrue(km.seconds(g(m)) >= 25e-6, "under-predicts after the step at m=" + m);
    }
  }

  @Test
  void aSegmentGrowingFasterThanItsWorkIsTreatedAsHoldingAStep() {
    // 256 -> 512 rows quadruples the time: a wave boundary lies inside. Just past 256 the
    // estimate is t(256) + t(1) (subadditivity), not the linear 10.04 us.
    KernelModel km = model(KernelTable.of(List.of(row(g(1), 5e-6), row(g(256), 10e-6),
        row(g(512), 40e-6))));
    Prediction p = km.predict(g(257));
    assertEquals(15e-6, p.seconds(), 1e-12);
    assertTrue(p.source().startsWith("step-safe"), p.source());
    assertEquals(20e-6, km.seconds(g(511)), 1e-12, "511 rows cost no more than 2 x 256");
    KernelModel coarse = model(KernelTable.of(List.of(row(g(100), 10e-6), row(g(1000),
        200e-6))));
    assertEquals(200e-6, coarse.seconds(g(900)), 1e-12, "the upper neighbour when tighter");
    // a segment growing less than its work is interpolated linearly in work (m)
    Prediction q = km.predict(g(128));
    assertEquals(5e-6 + (10e-6 - 5e-6) * 127 / 255, q.seconds(), 1e-12);
    assertTrue(q.source().startsWith("linear"), q.source());
  }

  @Test
  void outsideTheGridScalesTheRooflineFromTheNearestEnd() {
    KernelModel km = model(staircase());
    Prediction p = km.predict(g(8192));
    assertEquals(Label.CALIBRATED_ROOFLINE, p.label());
    assertTrue(p.seconds() > 274e-6 * 1.8 && p.seconds() < 274e-6 * 2.2, "about twice m=4096");
  }

  @Test
  void anotherShapeUsesTheRooflineFittedToThisHardware() {
    KernelModel km = model(staircase());
    Prediction p = km.predict(KernelQuery.gemm(H, Dtype.BF16, 2048, 8192, 8192));
    assertEquals(Label.CALIBRATED_ROOFLINE, p.label());
    assertTrue(km.calibration(H, Op.GEMM) != null);
  }

  @Test
  void hardwareWithoutMeasurementsGetsTheSpecRooflineByHand() {
    KernelModel km = model(KernelTable.empty());
    // 2 * 4096^3 FLOP at 989 TFLOP/s vs 3 * 4096^2 * 2 bytes at 3350 GB/s: compute-bound
    double compute = 2.0 * 4096 * 4096 * 4096 / 989e12;
    Prediction p = km.predict(KernelQuery.gemm(H, Dtype.BF16, 4096, 4096, 4096));
    assertEquals(Label.SPEC_ROOFLINE, p.label());
    assertEquals(compute + Roofline.SPEC_LAUNCH_SECONDS, p.seconds(), 1e-12);
    // decode: 8 sequences x 4096 cached tokens, 8 KV heads of 128, bf16: memory-bound
    double bytes = (2.0 * 8 * 32 * 1 * 128 + 2.0 * 8 * 8 * (1 + 4096) * 128) * 2;
    Prediction d = km.predict(KernelQuery.decode(H, Dtype.BF16, 8, 4096, 32, 8, 128));
    assertEquals(bytes / 3350e9 + Roofline.SPEC_LAUNCH_SECONDS, d.seconds(), 1e-12);
    // ring all-reduce: alpha + 2 (n-1)/n bytes / link
    Prediction a = km.predict(KernelQuery.allReduce(H, 1_000_000, 8));
    assertEquals(Roofline.SPEC_COLLECTIVE_SECONDS + 2.0 * 7 / 8 * 1e6 / 450e9, a.seconds(),
        1e-15);
    assertEquals(0, km.seconds(KernelQuery.allReduce(H, 1_000_000, 1)));
  }

  @Test
  void calibratedRooflineByHand() {
    Calibration c = new Calibration(H, Op.GEMM, 0.5, 0.8, 5e-6, null, null, 10, 0, 0, "hand");
    KernelModel km = KernelModel.of(Fixtures.catalog(), KernelTable.empty(), List.of(c));
    // m = 1: memory-bound, (1*4096 + 6144*4096 + 6144) * 2 bytes at 0.8 * 3350 GB/s
    double bytes = (4096.0 + 6144.0 * 4096 + 6144) * 2;
    Prediction p = km.predict(g(1));
    assertEquals(Label.CALIBRATED_ROOFLINE, p.label());
    assertEquals(bytes / (0.8 * 3350e9) + 5e-6, p.seconds(), 1e-15);
    // m = 8192: compute-bound at half of 989 TFLOP/s
    assertEquals(2.0 * 8192 * 6144 * 4096 / (0.5 * 989e12) + 5e-6, km.seconds(g(8192)),
        1e-15);
  }

  @Test
  void correctionFactorsInterpolateInLog2M() {
    Calibration c = new Calibration(H, Op.GEMM, 1, 1, 0, new double[] {0, 4}, new double[] {
        1, 4}, 1, 0, 0, "");
    assertEquals(1, c.correction(1), 1e-12);
    assertEquals(2, c.correction(4), 1e-12);  // halfway in log2 m, geometric mean
    assertEquals(4, c.correction(1 << 10), 1e-12);
  }

  @Test
  void badQueriesAreRefusedWithTheReason() {
    KernelModel km = model(KernelTable.empty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> km.predict(KernelQuery.gemm(H, Dtype.BF16, 1, 2, KernelQuery.NONE)));
    assertTrue(e.getMessage().contains("k is required"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> km.predict(g(1).withHardware("h1")));
    assertTrue(e.getMessage().contains("unknown hardware 'h1'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> km.predict(g(1).withHardware("abstract")));
    assertTrue(e.getMessage().contains("no kernel times"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> km.predict(KernelQuery.allReduce("cpu-x", 100, 2)));
    assertTrue(e.getMessage().contains("no device interconnect"), e.getMessage());
  }

  @Test
  void aShapeSeenBeforeIsAHashLookupThatAllocatesNothing() {
    KernelModel km = model(staircase());
    KernelQuery q = g(700);
    Prediction first = km.predict(q);
    assertSame(first, km.predict(g(700)), "memoised by value");
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    double sum = 0;
    for (int i = 0; i < 1000; i++) {
      sum += km.seconds(q);
    }
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 100_000; i++) {
      sum += km.seconds(q);
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    assertTrue(sum > 0);
    assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 100k lookups");
  }
}
