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

  /**
   * GEMMs of four (n, k) at m = 256 and 1024, each 1.3 times the hand calibration's roofline
   * at m = 256 and 0.8 times at m = 1024: a hardware whose kernels at m = 256 fall short of
   * the roofline and at m = 1024 beat it, whatever the shape.
   */
  static KernelModel shapes() {
    Calibration c = new Calibration(H, Op.GEMM, 0.5, 0.8, 5e-6, null, null, 10, 0, 0, "hand");
    Hardware hw = Fixtures.h100();
    List<KernelRow> rows = new ArrayList<>();
    for (long m : new long[] {256, 1024}) {
      for (long[] nk : new long[][] {{4096, 4096}, {8192, 4096}, {4096, 8192}, {8192, 8192}}) {
        KernelQuery q = KernelQuery.gemm(H, Dtype.BF16, m, nk[0], nk[1]);
        rows.add(row(q, Roofline.calibrated(hw, q, c) * (m == 256 ? 1.3 : 0.8)));
      }
    }
    return KernelModel.of(Fixtures.catalog(), KernelTable.of(rows), List.of(c));
  }

  @Test
  void aNewShapeTakesTheFactorOfTheShapesMeasuredAtItsM() {
    KernelModel km = shapes();
    Calibration c = km.calibration(H, Op.GEMM);
    Hardware hw = Fixtures.h100();
    KernelQuery q = KernelQuery.gemm(H, Dtype.BF16, 256, 6144, 5120);
    Prediction p = km.predict(q);
    assertEquals(Label.CALIBRATED_ROOFLINE, p.label());
    // both estimators see residual log 1.3 everywhere; the ridge fit shrinks a(n) + b(k)
    double r = Math.log(p.seconds() / Roofline.calibrated(hw, q, c));
    assertTrue(r > 0.8 * Math.log(1.3) && r <= Math.log(1.3) + 1e-9, "factor " + r);
    assertTrue(p.source().contains("4 measured shapes at m=256"), p.source());
    // between measured m the log factor is interpolated in log2 m: at m = 512, halfway
    KernelQuery mid = KernelQuery.gemm(H, Dtype.BF16, 512, 6144, 5120);
    double r256 = r;
    double r1024 = Math.log(km.seconds(mid.withAxis(1024)) / Roofline.calibrated(hw,
        mid.withAxis(1024), c));
    assertEquals(0.5 * (r256 + r1024), Math.log(km.seconds(mid) / Roofline.calibrated(hw, mid,
        c)), 1e-9);
    // measured shapes stay exact
    KernelQuery seen = KernelQuery.gemm(H, Dtype.BF16, 1024, 8192, 4096);
    assertEquals(Label.MEASURED, km.predict(seen).label());
    assertEquals(0.8 * Roofline.calibrated(hw, seen, c), km.seconds(seen), 1e-15);
  }

  @Test
  void noTransferFromAnotherDtypeGroupOrTooFewShapes() {
    KernelModel km = shapes();
    Calibration c = km.calibration(H, Op.GEMM);
    KernelQuery fp32 = KernelQuery.gemm(H, Dtype.FP32, 256, 6144, 5120);
    assertEquals(Roofline.calibrated(Fixtures.h100(), fp32, c), km.seconds(fp32), 1e-15);
    // fp16 borrows from the 16-bit group when no fp16 GEMM was measured
    KernelQuery fp16 = KernelQuery.gemm(H, Dtype.FP16, 256, 6144, 5120);
    assertEquals(km.seconds(KernelQuery.gemm(H, Dtype.BF16, 256, 6144, 5120)), km.seconds(fp16),
        1e-15);
    // one shape per m (a staircase line) is no basis for a transfer
    KernelModel line = model(staircase());
    Prediction p = line.predict(KernelQuery.gemm(H, Dtype.BF16, 2048, 8192, 8192));
    assertTrue(p.source().contains("median error"), p.source());
  }

  @Test
  void ridgeSolvesTheAdditiveFitByHand() {
    // two n, two k, four shapes with r = a(n) + b(k) exactly; the ridge penalty shrinks it
    double[] ln = {0, 0, 1, 1};
    double[] lk = {0, 1, 0, 1};
    double[] r = {0.1, 0.3, 0.2, 0.4};
    double[] x = ShapeTransfer.ridge(ln, lk, r, new double[] {0, 1}, new double[] {0, 1});
    // normal equations (X'X + I) x = X'y solved by hand: a = (1/15, 2/15), b = (1/30, 1/6)
    assertEquals(1.0 / 15, x[0], 1e-12);
    assertEquals(2.0 / 15, x[1], 1e-12);
    assertEquals(1.0 / 30, x[2], 1e-12);
    assertEquals(1.0 / 6, x[3], 1e-12);
    assertEquals(2.5, ShapeTransfer.interp(new double[] {0, 1}, new double[] {2, 3}, 0.5),
        1e-12);
    assertEquals(3, ShapeTransfer.interp(new double[] {0, 1}, new double[] {2, 3}, 7), 1e-12);
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
