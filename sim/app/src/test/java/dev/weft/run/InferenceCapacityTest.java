package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ai.Batch;
import dev.weft.ai.InferenceCost;
import dev.weft.ai.Memory;
import dev.weft.kernels.Kernels;
import dev.weft.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capacity utilization, busy time and wait of LLM inference on 10 H100s serving Llama-3-8B
 * with quickstart's request mix (no network, no churn), at loads set as shares of the fleet's
 * measured saturation throughput.
 *
 * <p>Saturation is measured by a run at 400 requests/s, about twice what the fleet serves:
 * its engines hold full batches from the first minute on, so the completions per second after
 * warm-up, counted over all requests (the time series' {@code completed} column, since the
 * requests counted in {@code jobs} are served behind the warm-up backlog), are the fleet's
 * service rate at full batch.
 */
class InferenceCapacityTest {
  static final int NODES = 10;
  static final double WARMUP = 120;
  static final double DURATION = 600;
  static final String FLEET = """
      name: h100-fleet
      seed: 11
      duration: 10m
      warmup: 2m
      nodes:
        - {name: h100, count: 10, hardware: h100-sxm, gpus: 1}
      workload:
        - name: chat
          kind: inference
          model: llama-3-8b
          arrivals: {process: poisson, rate: 400/s}
          promptTokens: {dist: lognormal, median: 800, sigma: 0.8}
          outputTokens: {dist: lognormal, median: 200, sigma: 0.7}
      scheduler: {policy: least-loaded}
      outputs: {metricsInterval: 1m}
      """;

  static Kernels kernels;
  static Path file;
  static RunResult overload;
  static double saturation;

  @BeforeAll
  static void measureSaturation() throws Exception {
    kernels = Kernels.load();
    file = Files.createTempFile("fleet", ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, FLEET);
    overload = run();
    double[] time = overload.series().column("time");
    double[] completed = overload.series().column("completed");
    double sum = 0;
    for (int i = 0; i < time.length; i++) {
      if (time[i] > WARMUP) {
        sum += completed[i];
      }
    }
    saturation = sum / (DURATION - WARMUP);
  }

  static RunResult run(String... sets) throws Exception {
    var l = ScenarioLoader.load(file, List.of(sets));
    return new World(l.scenario(), l.resources()).run();
  }

  static RunResult atShareOfSaturation(double x) throws Exception {
    return run("workload[0].arrivals.rate=" + x * saturation + "/s");
  }

  static InferenceCost cost() {
    return new InferenceCost(kernels.model(), kernels.aiModel("llama-3-8b"), "h100-sxm", 1);
  }

  /**
   * Mean seconds a request of the workload's mix spends in an engine with the engine to
   * itself: its prefill chunks then its decodes, from the kernel model (Monte Carlo over
   * 4,000 draws of the same lognormal token counts, rounded as the run rounds them).
   */
  static double meanAloneSeconds() {
    InferenceCost c = cost();
    SplittableRandom rnd = new SplittableRandom(3);
    double sum = 0;
    int n = 4000;
    for (int i = 0; i < n; i++) {
      int prompt = (int) Math.max(1, Math.round(800 * Math.exp(0.8 * gaussian(rnd))));
      int output = (int) Math.max(1, Math.round(200 * Math.exp(0.7 * gaussian(rnd))));
      sum += c.requestSeconds(prompt, output, Memory.BATCHED_TOKENS);
    }
    return sum / n;
  }

  static double gaussian(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  /**
   * At 20%, 50% and 100% of saturation throughput. Let x be the measured throughput over
   * saturation, u the capacity utilization. The band, from Little's law on the batch (mean
   * sequences in a batch = lambda x mean time in it):
   * <ul>
   *   <li>upper, u &lt;= x: a request's time in the batch grows with the batch (every
   *       iteration carries the others' tokens), so below saturation it is at most what it is
   *       at saturation, where the batch is full (u = 1); the KV-cache share, a per-request
   *       reservation, scales the same way.</li>
   *   <li>lower, u &gt;= lambda E[T_alone] / (maxSeqs x nodes), with T_alone a request's time
   *       with the engine to itself: no iteration that includes it is shorter than its own
   *       alone. Times 0.9: measured kernel tables are not exactly monotone in batch size,
   *       and the Monte Carlo mean has about 1% sampling error.</li>
   *   <li>at x = 1, u &gt;= 0.9: a critically loaded engine has a queue most of the time and,
   *       with a queue, a full batch; 0.9 leaves room for the idle excursions of a critical
   *       queue over an 8-minute window (a stated tolerance, not derived).</li>
   * </ul>
   * And u / x = u_sat x T(lambda) / T_sat grows with load. Busy is at least u always, and
   * near 1 even at 20%: a node's batch empties only when its ~8 requests in flight (Little)
   * all finish before the next arrival.
   */
  @Test
  void capacityUtilizationFollowsLoadNotBusyTime() throws Exception {
    assertTrue(saturation > 100 && saturation < 400, "saturation " + saturation);
    double alone = meanAloneSeconds();
    double[] shares = {0.2, 0.5, 1.0};
    double[] u = new double[3];
    double[] x = new double[3];
    for (int i = 0; i < 3; i++) {
      RunResult r = atShareOfSaturation(shares[i]);
      x[i] = r.jobs().throughput() / saturation;
      u[i] = r.nodes().utilization();
      double busy = r.nodes().busy();
      String at = "at " + shares[i] + " of saturation (" + saturation + "/s): u " + u[i]
          + ", x " + x[i] + ", busy " + busy;
      assertEquals(shares[i], x[i], 0.05, "the load asked for was served " + at);
      double lower = 0.9 * r.jobs().throughput() * alone / (Memory.SEQUENCES * NODES);
      assertTrue(u[i] >= lower, "Little's lower bound " + lower + " " + at);
      assertTrue(u[i] <= Math.min(1, x[i] + 0.01), "u <= throughput/saturation " + at);
      assertTrue(busy >= u[i], at);
      ClassStats c = r.nodeClasses().get(0);
      assertEquals(u[i], c.utilization(), 1e-12);
      assertTrue(c.busy() >= c.utilization(), at);
      assertTrue(busy > 0.99, "a batch rarely empties " + at);
      double[] su = r.series().column("utilization");
      double[] sb = r.series().column("busy");
      for (int k = 0; k < su.length; k++) {
        assertTrue(sb[k] >= su[k] && su[k] >= 0 && sb[k] <= 1, "series row " + k + " " + at);
      }
    }
    assertTrue(u[0] < u[1] && u[1] < u[2], "ordered: " + java.util.Arrays.toString(u));
    assertTrue(u[0] < 0.5, "well under a half at a fifth of saturation: " + u[0]);
    assertTrue(u[2] >= 0.9, "near 1 at saturation: " + u[2]);
    assertTrue(u[0] / x[0] <= u[1] / x[1] && u[1] / x[1] <= u[2] / x[2],
        "time in batch grows with load");
    assertTrue(overload.nodes().utilization() >= 0.99, "overloaded engines hold full batches");
  }

  /**
   * Wait ends at the first iteration that includes a request, not at its entry to the engine
   * queue. Overloaded, the queue is where a request spends its time: wait p50 is TTFT p50 less
   * the prefill. Each request's TTFT is its wait plus its prefill, so every TTFT quantile is
   * at least the wait's; and a median prompt (800 tokens) prefills in one iteration beside
   * 255 decodes, which the kernel model prices (below): the gap is a few such iterations.
   */
  @Test
  void waitEndsAtTheFirstIterationNotAtTheEngineQueue() {
    Percentiles wait = overload.jobs().waitTime();
    Percentiles ttft = overload.timeToFirstToken();
    // an upper bound on such an iteration: the whole budget's prompt tokens beside 255
    // decodes at a context longer than most
    Batch full = new Batch().clear().prefill(Memory.BATCHED_TOKENS - 255, 0);
    for (int i = 0; i < 255; i++) {
      full.decode(4096);
    }
    double iteration = cost().seconds(full);
    assertTrue(iteration > 0.01 && iteration < 1, "iteration " + iteration);
    assertTrue(ttft.p50() > 10, "overloaded: requests queue " + ttft.p50());
    assertTrue(wait.p50() <= ttft.p50(), wait.p50() + " " + ttft.p50());
    assertTrue(ttft.p50() - wait.p50() <= 3 * iteration,
        "wait p50 " + wait.p50() + " vs TTFT p50 " + ttft.p50() + " less a prefill ("
            + iteration + " s per iteration)");
    assertTrue(wait.p99() <= ttft.p99() && wait.mean() <= ttft.mean());
  }

  /**
   * The EIP-1559 controller steers by capacity in use: at a fifth of saturation the engines
   * are busy all the time but hold few sequences, so the base fee falls every epoch. Each
   * epoch's update is b' = b (1 + (u - target) / target / 8) with u the epoch's capacity
   * utilization, which here (one GPU per node, no churn, epochs aligned with the series) is the
   * series' utilization over the same minute.
   */
  @Test
  void theBaseFeeFollowsCapacityNotBusyTime() throws Exception {
    RunResult r = run("workload[0].arrivals.rate=" + 0.2 * saturation + "/s",
        "economics={fees: {model: eip1559, pricePerGpuHour: 2.0, targetUtilization: 0.5,"
            + " burn: 1}, token: {price: {model: constant, start: 1.0}}, epoch: 1m,"
            + " verification: {policy: none}}");
    double[] fee = r.economySeries().column("baseFee");
    double[] feeTime = r.economySeries().column("time");
    double[] u = r.series().column("utilization");
    double[] time = r.series().column("time");
    assertEquals(time.length, feeTime.length);
    int checked = 0;
    for (int k = 1; k < fee.length; k++) {
      assertEquals(time[k], feeTime[k], 0);
      assertTrue(fee[k] < fee[k - 1], "the base fee falls at low load, epoch " + k);
      if (time[k] > WARMUP + 60) { // rows whose interval the warm-up did not cut
        double expected = fee[k - 1] * (1 + Math.max(-1, (u[k] - 0.5) / 0.5) / 8);
        assertEquals(expected, fee[k], 1e-9 * fee[k], "epoch ending at " + time[k]);
        checked++;
      }
    }
    assertTrue(checked >= 5, "epochs checked: " + checked);
  }
}
