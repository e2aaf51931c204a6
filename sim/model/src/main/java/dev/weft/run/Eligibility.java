package dev.weft.run;

import dev.weft.ai.AiModel;
import dev.weft.ai.Memory;
import dev.weft.hardware.Hardware;
import dev.weft.scenario.AiWorkload;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.TrainingWorkload;
import dev.weft.scenario.Workload;
import java.util.ArrayList;
import java.util.List;

/** Which node classes can run a workload: all for synthetic jobs, else where the model fits. */
public final class Eligibility {
  private Eligibility() {}

  /** Indexes of the node classes able to run workload {@code w}, in scenario order. */
  public static List<Integer> classes(Scenario s, Resources r, int w) {
    Workload wl = s.workload().get(w);
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < s.nodes().size(); c++) {
      NodeClass nc = s.nodes().get(c);
      if (!(wl instanceof AiWorkload ai)) {
        out.add(c);
        continue;
      }
      Hardware hw = r.hardware().get(nc.hardware());
      AiModel m = r.aiModels().get(ai.model());
      boolean fits = hw != null && m != null && hw.hasFigures()
          && (ai instanceof TrainingWorkload t
              ? Memory.fitsTraining(m, hw, nc.gpus(), t.batchSequences(), t.sequenceLength())
              : Memory.fits(m, hw, nc.gpus()));
      if (fits) {
        out.add(c);
      }
    }
    return out;
  }
}
