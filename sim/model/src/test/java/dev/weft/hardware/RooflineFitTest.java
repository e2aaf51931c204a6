package dev.weft.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit recovers known efficiencies and launch cost, and reports its own error. */
class RooflineFitTest {
  @Test
  void recoversTheFiguresThatGeneratedTheTimes() {
    Hardware h = Fixtures.h100();
    Calibration truth = new Calibration(h.id(), Op.GEMM, 0.7, 0.85, 8e-6, null, null, 0, 0, 0,
        "");
    List<KernelRow> rows = new ArrayList<>();
    for (long m : new long[] {1, 4, 16, 64, 256, 1024, 4096, 16384}) {
      for (long[] nk : new long[][] {{4096, 4096}, {6144, 4096}, {28672, 4096}, {4096, 14336}}) {
        KernelQuery q = KernelQuery.gemm(h.id(), Dtype.BF16, m, nk[0], nk[1]);
        rows.add(Fixtures.row(q, Roofline.calibrated(h, q, truth)));
      }
    }
    Calibration c = RooflineFit.fit(h, Op.GEMM, rows, "synthetic");
    assertEquals(0.7, c.etaCompute(), 0.007);
    assertEquals(0.85, c.etaMemory(), 0.0085);
    assertEquals(8e-6, c.launchSeconds(), 0.2e-6);
    assertTrue(c.medianAbsError() < 0.005, "median " + c.medianAbsError());
    assertEquals(rows.size(), c.rows());
  }

  @Test
  void collectivesFitLatencyAndLinkEfficiency() {
    Hardware h = Fixtures.h100();
    List<KernelRow> rows = new ArrayList<>();
    for (long b = 1024; b <= 1L << 30; b *= 4) {
      KernelQuery q = KernelQuery.allReduce(h.id(), b, 8);
      rows.add(Fixtures.row(q, 25e-6 + 2.0 * 7 / 8 * b / (0.6 * 450e9)));
    }
    Calibration c = RooflineFit.fit(h, Op.ALL_REDUCE, rows, "");
    assertEquals(25e-6, c.launchSeconds(), 0.5e-6);
    assertEquals(0.6, c.etaMemory(), 0.01);
  }

  @Test
  void tooFewRowsGiveNoFit() {
    Hardware h = Fixtures.h100();
    List<KernelRow> rows = List.of(Fixtures.row(KernelQuery.gemm(h.id(), Dtype.BF16, 1, 2, 3),
        1e-5));
    assertNull(RooflineFit.fit(h, Op.GEMM, rows, ""));
  }
}
