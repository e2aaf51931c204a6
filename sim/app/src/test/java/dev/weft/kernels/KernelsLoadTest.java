package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.Calibration;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import dev.weft.hardware.Prediction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a fresh clone predicts: measured where it measured, calibrated where it imported. */
class KernelsLoadTest {
  @TempDir
  Path dir;

  @Test
  void aFreshClonePredictsCalibratedRooflinesFromTheCommittedFile() throws Exception {
    Kernels k = Kernels.load(TestData.freshModels(dir));
    for (String hw : List.of("a100-80gb", "a40", "rtx-4090", "rtx-pro-6000")) {
      Prediction p = k.model().predict(KernelQuery.gemm(hw, Dtype.BF16, 700, 6000, 4096));
      assertEquals(Label.CALIBRATED_ROOFLINE, p.label(), hw);
      assertTrue(k.model().calibration(hw, Op.GEMM).rows() > 500, hw);
    }
    Prediction h = k.model().predict(KernelQuery.gemm("h100-sxm", Dtype.BF16, 1, 6144, 4096));
    assertEquals(Label.MEASURED, h.label());
    assertEquals(2.21653e-05, h.seconds());
    assertEquals(Label.SPEC_ROOFLINE, k.model().predict(KernelQuery.gemm("l4", Dtype.BF16, 64,
        4096, 4096)).label(), "nothing measured on an L4");
  }

  @Test
  void theCalibrationFileRoundTrips() throws Exception {
    Path f = TestData.models().resolve("kernels").resolve(CalibrationFile.NAME);
    List<Calibration> cals = CalibrationFile.read(f);
    assertTrue(cals.size() > 20);
    Path out = dir.resolve("c.yaml");
    CalibrationFile.write(out, cals, List.of("test"));
    List<Calibration> back = CalibrationFile.read(out);
    assertEquals(cals.size(), back.size());
    for (int i = 0; i < cals.size(); i++) {
      Calibration a = cals.get(i);
      Calibration b = back.get(i);
      assertEquals(a.hardware() + a.op(), b.hardware() + b.op());
      assertEquals(a.etaCompute(), b.etaCompute(), 1e-4 * a.etaCompute());
      assertEquals(a.correction(300), b.correction(300), 1e-3);
    }
  }

  @Test
  void calibratingIsDeterministic() throws Exception {
    var hw = TestData.catalog();
    var own = KernelTables.load(List.of(TestData.models().resolve("kernels")), hw);
    List<Calibration> a = Calibrator.fit(hw, own);
    List<Calibration> b = Calibrator.fit(hw, KernelTables.load(List.of(TestData.models()
        .resolve("kernels")), hw).filter(r -> true));
    assertEquals(a, b);
    Calibration g = a.stream().filter(c -> c.hardware().equals("h200") && c.op() == Op.GEMM)
        .findFirst().get();
    assertTrue(g.medianAbsError() < 0.05, "h200 GEMM fit " + g.medianAbsError());
    assertTrue(g.source().startsWith("weft profile_gpu.py"), g.source());
  }
}
