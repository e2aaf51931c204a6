package dev.weft.kernels;

import dev.weft.ai.AiModel;
import dev.weft.hardware.Calibration;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelModel;
import dev.weft.hardware.KernelTable;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the kernel-time model is built from, loaded from a models/ folder: the hardware
 * catalog, the AI model shapes, the kernel tables (own, then imported) and the calibration
 * file, and the {@link KernelModel} over them.
 */
public record Kernels(Path models, Map<String, Hardware> hardware, Map<String, AiModel> aiModels,
    KernelTable table, List<Calibration> fileCalibrations, KernelModel model) {

  /** Loads models/hardware, models/ai, models/kernels (+ imported/) and its calibration. */
  public static Kernels load(Path models) throws InputException {
    Map<String, Hardware> hw = Catalogs.hardware(models.resolve("hardware"));
    Map<String, AiModel> ai = Catalogs.models(models.resolve("ai"));
    KernelTable table = KernelTables.project(models, hw);
    List<Calibration> cal = CalibrationFile.read(models.resolve("kernels")
        .resolve(CalibrationFile.NAME));
    return new Kernels(models, hw, ai, table, cal, KernelModel.of(hw, table, cal));
  }

  /** Loads the project's models/ folder (found from weft.home or the working directory). */
  public static Kernels load() throws InputException {
    Path models = ProjectFiles.models();
    if (models == null) {
      throw new InputException(new Location("models", 1, 1), "cannot find the project's "
          + "models/ folder: run from inside the Weft checkout or through ./weft");
    }
    return load(models);
  }

  /** The AI model with this id, or an exception naming the known ones. */
  public AiModel aiModel(String id) {
    AiModel m = aiModels.get(id);
    if (m == null) {
      throw new IllegalArgumentException("unknown model '" + id + "'; known: "
          + String.join(", ", aiModels.keySet()));
    }
    return m;
  }
}
