package dev.weft.kernels;

import dev.weft.hardware.Calibration;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelModel;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import dev.weft.hardware.Roofline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leave-one-GPU-out accuracy of transferred attention: for every GPU with measured attention,
 * its attention rows and attention calibrations are removed, and each of its measured
 * attention rows (prefill, decode, mixed) is predicted from the other GPUs alone
 * ({@code label = transferred}). The datasheet roofline, the answer before transfer existed,
 * is scored on the same rows ({@code label = spec-roofline}).
 */
public final class TransferAccuracy {
  /** Held-out name of these scores. */
  public static final String HELD_OUT = "gpu";

  private TransferAccuracy() {}

  /**
   * Scores per held-out GPU and attention op over {@code table} (the project's rows plus any
   * imported ones) with {@code given} calibrations.
   */
  public static List<Accuracy.Score> leaveOneGpuOut(Map<String, Hardware> catalog,
      KernelTable table, List<Calibration> given) {
    Accuracy.Errors errors = new Accuracy.Errors();
    for (String g : table.hardwareIds()) {
      Hardware hw = catalog.get(g);
      if (hw == null || !Hardware.GPU.equals(hw.kind()) || !hw.hasFigures()) {
        continue;
      }
      List<KernelRow> held = new ArrayList<>();
      for (KernelRow r : table.rows(g)) {
        if (r.op().attention() && r.label() == Label.MEASURED) {
          held.add(r);
        }
      }
      if (held.isEmpty()) {
        continue;
      }
      KernelTable without = table.filter(r -> !(r.hardware().equals(g) && r.op().attention()));
      List<Calibration> cal = given.stream()
          .filter(c -> !(c.hardware().equals(g) && c.op().attention())).toList();
      KernelModel m = KernelModel.of(catalog, without, cal);
      for (KernelRow r : held) {
        double t = m.seconds(r.query());
        errors.addOnly(g, HELD_OUT, r.op().id(), Label.TRANSFERRED.id(), t, r.seconds());
        double spec = r.op() == Op.ATTENTION_MIXED
            ? Roofline.spec(hw, r.query().prefillPart()) + Roofline.spec(hw,
                r.query().decodePart())
            : Roofline.spec(hw, r.query());
        errors.addOnly(g, HELD_OUT, r.op().id(), Label.SPEC_ROOFLINE.id(), spec, r.seconds());
      }
    }
    return errors.scores();
  }
}
