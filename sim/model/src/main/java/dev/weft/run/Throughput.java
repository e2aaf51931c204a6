package dev.weft.run;

import dev.weft.ai.AiModel;
import dev.weft.ai.Batch;
import dev.weft.ai.InferenceCost;
import dev.weft.ai.Memory;
import dev.weft.ai.TrainingCost;
import dev.weft.hardware.Hardware;
import dev.weft.random.Distribution;
import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.InferenceWorkload;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SyntheticWorkload;
import dev.weft.scenario.TrainingWorkload;
import dev.weft.scenario.Workload;
import dev.weft.workload.ArrivalTrace;

/**
 * What a node of each class can do for each workload, estimated once before the run from the
 * scenario and the kernel model: the jobs per second it completes when fully occupied (what
 * placement divides the work a node holds by), and for inference the KV-cache tokens its
 * engine holds (whether a request can ever run there). Definitions in METRICS.md, "Placement".
 *
 * <ul>
 *   <li>synthetic: slots x speed / mean service time;</li>
 *   <li>training on one node: slots / (mean steps x seconds of one step on this class);</li>
 *   <li>inference: B concurrent sequences, B = min(max sequences, KV tokens / (mean prompt +
 *       mean output)), each request a prefill of the mean prompt and mean-output decode
 *       iterations shared by the batch: 1 / (prefill seconds + output x decode iteration
 *       seconds at batch B / B).</li>
 * </ul>
 */
final class Throughput {
  private final Scenario scenario;
  private final Resources resources;
  private final double[][] jobsPerSecond; // [class][workload], 0 until computed

  Throughput(Scenario scenario, Resources resources) {
    this.scenario = scenario;
    this.resources = resources;
    this.jobsPerSecond = new double[scenario.nodes().size()][scenario.workload().size()];
  }

  /**
   * KV-cache tokens an engine of workload {@code w}'s model holds on a node of class {@code c}
   * (as the run's engines are sized); {@link Long#MAX_VALUE} for workloads without one.
   */
  long kvTokens(int c, int w) {
    if (!(scenario.workload().get(w) instanceof InferenceWorkload iw)) {
      return Long.MAX_VALUE;
    }
    NodeClass nc = scenario.nodes().get(c);
    AiModel m = resources.aiModels().get(iw.model());
    Hardware hw = resources.hardware().get(nc.hardware());
    return Math.max(1, Memory.plan(m, hw, nc.gpus(), nc.serving().maxSequences(),
        nc.serving().maxBatchedTokens()).maxKvTokens());
  }

  /** Jobs of workload {@code w} a node of class {@code c} completes per second, saturated. */
  double jobsPerSecond(int c, int w) {
    if (jobsPerSecond[c][w] == 0) {
      jobsPerSecond[c][w] = estimate(c, w);
    }
    return jobsPerSecond[c][w];
  }

  private double estimate(int c, int w) {
    NodeClass nc = scenario.nodes().get(c);
    Workload wl = scenario.workload().get(w);
    double rate;
    if (wl instanceof TrainingWorkload t) {
      TrainingCost tc = new TrainingCost(resources.kernels(),
          resources.aiModels().get(t.model()), nc.hardware(), nc.gpus());
      double step = tc.step(t.batchSequences(), t.sequenceLength(), 1, 0, 0).seconds();
      rate = nc.slots() / (Math.max(1, positiveOr(mean(t.steps()), 1)) * step);
    } else if (wl instanceof InferenceWorkload i) {
      rate = inference(c, i, w);
    } else {
      SyntheticWorkload s = (SyntheticWorkload) wl;
      rate = nc.slots() * nc.speed() / positiveOr(mean(s.service()), 1);
    }
    return positiveOr(rate, 1);
  }

  private double inference(int c, InferenceWorkload w, int index) {
    NodeClass nc = scenario.nodes().get(c);
    ArrivalTrace trace = resources.traces().get(w.name());
    double prompt = Math.max(1, trace != null ? average(trace.promptTokens())
        : mean(w.promptTokens()));
    double output = Math.max(1, trace != null ? average(trace.outputTokens())
        : mean(w.outputTokens()));
    long kv = kvTokens(c, index);
    int batch = (int) Math.max(1, Math.min(nc.serving().maxSequences(),
        kv / (prompt + output)));
    InferenceCost cost = new InferenceCost(resources.kernels(),
        resources.aiModels().get(w.model()), nc.hardware(), nc.gpus());
    Batch b = new Batch();
    int context = (int) Math.round(prompt + output / 2);
    for (int s = 0; s < batch; s++) {
      b.decode(context);
    }
    double decode = cost.seconds(b);
    double prefill = 0;
    int p = (int) Math.round(prompt);
    int chunk = nc.serving().maxBatchedTokens();
    for (int done = 0; done < p; done += chunk) {
      prefill += cost.seconds(b.clear().prefill(Math.min(chunk, p - done), done));
    }
    return 1 / (prefill + output * decode / batch);
  }

  /** Jobs of workload {@code w} per second offered, as a weight among workloads. */
  double arrivalRate(int w) {
    Workload wl = scenario.workload().get(w);
    Arrivals a = wl.arrivals();
    double rate = switch (a.process()) {
      case POISSON -> a.rate();
      case RENEWAL -> 1 / mean(a.interarrival());
      case TRACE -> {
        ArrivalTrace t = resources.traces().get(wl.name());
        yield t == null || !(t.period() > 0) ? 1 : t.size() / t.period();
      }
    };
    return positiveOr(rate, 1);
  }

  private static double mean(DistSpec d) {
    if (d == null) {
      return Double.NaN;
    }
    Distribution dist = d.toDistribution();
    return dist.mean();
  }

  private static double average(int[] values) {
    double sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double positiveOr(double x, double otherwise) {
    return x > 0 && Double.isFinite(x) ? x : otherwise;
  }
}
