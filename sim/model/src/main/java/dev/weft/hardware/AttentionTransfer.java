package dev.weft.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Attention prefill and decode on a GPU that measured no attention, from the GPUs that did.
 *
 * <p>Every source GPU {@code s} with a calibration of the op (fitted to its measured rows, or
 * given in {@code calibration.yaml}) contributes one estimate for the target {@code g}:
 * <pre>
 *   t_s(q) = roofline(g, q; etaCompute_s, etaMemory_s, launch_s) * r_s(q)
 *   r_s(q) = t_measured_s(q) / roofline(s, q; etaCompute_s, etaMemory_s, launch_s)
 * </pre>
 * The efficiencies are shares of the datasheet peak and bandwidth, which carry across GPUs of
 * one kernel library better than absolute times; the residual {@code r_s} is the source's own
 * shape dependence beyond the two-regime roofline (tile quantisation at short prompts, split-KV
 * at long contexts), taken where its table answers {@code q}'s shape as measured or
 * interpolated (else 1). The answer is the geometric mean of the estimates, labelled
 * {@link Label#TRANSFERRED}. Leave-one-GPU-out errors per GPU and phase are in VALIDATION.md
 * section 8.
 *
 * <p>No architecture generation is used: of the four GPUs with attention tables only the
 * Hopper pair shares one, so a per-generation fit would be a fit to one GPU for the rest.
 */
final class AttentionTransfer {
  private final KernelModel model;

  AttentionTransfer(KernelModel model) {
    this.model = model;
  }

  /** The transferred time of {@code q} on {@code target}, or null without a source GPU. */
  Prediction predict(Hardware target, KernelQuery q) {
    double logSum = 0;
    double weights = 0;
    int n = 0;
    int shaped = 0;
    List<String> names = new ArrayList<>();
    for (Hardware s : sources(target, q.op())) {
      Calibration cal = model.calibration(s.id(), q.op());
      KernelQuery qs = q.withHardware(s.id());
      double residual = 1;
      Prediction own = model.predict(qs);
      if (own.label() == Label.MEASURED || own.label() == Label.INTERPOLATED) {
        residual = own.seconds() / Roofline.calibrated(s, qs, cal);
        shaped++;
      }
      double t = Roofline.calibrated(target, q, cal) * residual;
      double w = weight(target, s, q);
      logSum += w * Math.log(t);
      weights += w;
      n++;
      names.add(s.id());
    }
    if (n == 0) {
      return null;
    }
    return new Prediction(Math.exp(logSum / weights), Label.TRANSFERRED, String.format(Locale.ROOT,
        "%s efficiencies of %s on %s's datasheet figures, shape residuals from %d of them "
        + "(geometric mean weighted by datasheet likeness)", q.op().id(), String.join(", ", names), target.id(), shaped));
  }

  /**
   * How much longer one attention-mixed call of {@code q}'s shape takes than its prefill and
   * decode calls apart, on the GPUs other than {@code target} that measured mixed calls of
   * that attention shape (geometric mean of their ratios at {@code q}); NaN without any.
   */
  double mixedRatio(Hardware target, KernelQuery q) {
    double logSum = 0;
    int n = 0;
    for (String id : model.table().hardwareIds()) {
      KernelQuery qs = q.withHardware(id);
      if (id.equals(target.id()) || !model.measuresMixed(qs)) {
        continue;
      }
      double apart = model.seconds(qs.prefillPart()) + model.seconds(qs.decodePart());
      logSum += Math.log(model.seconds(qs) / apart);
      n++;
    }
    return n == 0 ? Double.NaN : Math.exp(logSum / n);
  }

  /** True when some GPU other than {@code target} measured mixed calls of {@code q}'s shape. */
  boolean mixedSource(Hardware target, KernelQuery q) {
    for (String id : model.table().hardwareIds()) {
      if (!id.equals(target.id()) && model.measuresMixed(q.withHardware(id))) {
        return true;
      }
    }
    return false;
  }

  /**
   * How much source {@code s} counts for {@code target}: {@code 1 / (d + 1/4)^2} with
   * {@code d = |ln(bandwidth ratio)| + |ln(peak ratio)|}, so a GPU of like datasheet figures
   * (the same memory system and tensor cores, usually the same generation) dominates, and
   * unlike ones still count where no like one measured.
   */
  static double weight(Hardware target, Hardware s, KernelQuery q) {
    double d = Math.abs(Math.log(s.memoryBandwidth() / target.memoryBandwidth()))
        + Math.abs(Math.log(s.peakFlops(q.dtype()) / target.peakFlops(q.dtype())));
    return 1 / ((d + 0.25) * (d + 0.25));
  }

  /** GPUs other than {@code target} with a calibration of {@code op}, by id. */
  private List<Hardware> sources(Hardware target, Op op) {
    List<Hardware> out = new ArrayList<>();
    for (Hardware h : model.catalog().values()) {
      if (!h.id().equals(target.id()) && Hardware.GPU.equals(h.kind()) && h.hasFigures()
          && model.calibration(h.id(), op) != null) {
        out.add(h);
      }
    }
    out.sort(java.util.Comparator.comparing(Hardware::id));
    return out;
  }
}
