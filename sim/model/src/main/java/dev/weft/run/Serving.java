package dev.weft.run;

import dev.weft.ai.AiModel;
import dev.weft.ai.InferenceCost;
import dev.weft.ai.Memory;
import dev.weft.hardware.Hardware;
import dev.weft.node.Node;
import dev.weft.scenario.InferenceWorkload;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.ServingConfig;
import dev.weft.scenario.ServingScheduler;
import dev.weft.serving.BatchPolicy;
import dev.weft.serving.InferenceEngine;
import dev.weft.serving.KvPreemption;
import dev.weft.serving.Request;
import dev.weft.serving.ServingLimits;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * Inference requests on their nodes: one continuous-batching engine per node and model, made on
 * first use, with iteration times from the kernel model. Keeps each node's serving load (what
 * load-based schedulers see) in step with its engines, and tells the metrics when a request
 * starts service (its first iteration, which ends its wait) and when an engine's occupancy
 * changes (the node's capacity in use).
 */
final class Serving {
  private final RunContext ctx;
  private final RunMetrics metrics;
  private final JobFlow flow;
  private final Transport transport;
  private final String[] models; // distinct models of inference workloads
  private final int[] modelOfWorkload; // index into models, -1 for other kinds
  private final List<InferenceEngine<JobRun>[]> engines; // [node][model], null until used
  private final InferenceCost[][] costByClass; // [class][model]

  Serving(RunContext ctx, RunMetrics metrics, JobFlow flow, Transport transport) {
    this.ctx = ctx;
    this.metrics = metrics;
    this.flow = flow;
    this.transport = transport;
    int nw = ctx.scenario.workload().size();
    modelOfWorkload = new int[nw];
    List<String> names = new ArrayList<>();
    for (int w = 0; w < nw; w++) {
      modelOfWorkload[w] = -1;
      if (ctx.workload(w) instanceof InferenceWorkload iw) {
        String m = iw.model();
        if (!names.contains(m)) {
          names.add(m);
        }
        modelOfWorkload[w] = names.indexOf(m);
      }
    }
    models = names.toArray(String[]::new);
    engines = new ArrayList<>(ctx.nodes.length);
    for (int i = 0; i < ctx.nodes.length; i++) {
      engines.add(null);
    }
    costByClass = new InferenceCost[ctx.scenario.nodes().size()][models.length];
  }

  @SuppressWarnings("unchecked") // a generic array of engines, typed at creation
  private InferenceEngine<JobRun> engineOf(Node n, JobRun run) {
    int m = modelOfWorkload[run.workload()];
    InferenceEngine<JobRun>[] es = engines.get(n.id());
    if (es == null) {
      es = new InferenceEngine[models.length];
      engines.set(n.id(), es);
    }
    if (es[m] == null) {
      int c = n.classIndex();
      NodeClass nc = ctx.nodeClass(n);
      AiModel model = ctx.resources.aiModels().get(models[m]);
      Hardware hw = ctx.resources.hardware().get(nc.hardware());
      if (costByClass[c][m] == null) {
        costByClass[c][m] = new InferenceCost(ctx.resources.kernels(), model, nc.hardware(),
            nc.gpus());
      }
      ServingConfig sc = nc.serving();
      long kv = Memory.plan(model, hw, nc.gpus(), sc.maxSequences(), sc.maxBatchedTokens())
          .maxKvTokens();
      ServingLimits limits = new ServingLimits(sc.maxSequences(), sc.maxBatchedTokens(),
          Math.max(1, kv));
      BatchPolicy policy = sc.scheduler() == ServingScheduler.VLLM ? BatchPolicy.PREFILL_FIRST
          : BatchPolicy.DECODE_FIRST_CHUNKED;
      long perToken = model.kvBytesPerToken(nc.gpus());
      es[m] = new InferenceEngine<>(ctx.sim, limits, policy,
          preemption(sc, hw, perToken), new KernelIterationCost(costByClass[c][m],
          metrics.labelSeconds(c)), new Listener(ctx.station(n.id()), perToken * nc.gpus()));
    }
    return es[m];
  }

  /**
   * The engine's preemption: under swap, the host space holds {@code swapSpace} bytes per GPU
   * of the {@code perToken} bytes one token's cache takes on each GPU, and a token crosses each
   * GPU's host link in {@code perToken} over its bandwidth (the GPUs copy their shares at once).
   */
  static KvPreemption preemption(ServingConfig sc, Hardware hw, long perToken) {
    return switch (sc.preemption()) {
      case NONE -> KvPreemption.NONE;
      case RECOMPUTE -> KvPreemption.RECOMPUTE;
      case SWAP -> {
        if (!(hw.hostLinkBandwidth() > 0)) {
          throw new IllegalArgumentException("preemption: swap needs the host link bandwidth"
              + " of " + hw.id() + " (hostLink.bandwidthGBps in models/hardware/" + hw.id()
              + ".yaml)");
        }
        yield KvPreemption.swap((long) Math.floor(sc.swapSpace() / perToken),
            perToken / hw.hostLinkBandwidth());
      }
    };
  }

  /** Requests in {@code n}'s engines, waiting or in the batch (placement counts them as work). */
  int requests(Node n) {
    InferenceEngine<JobRun>[] es = engines.get(n.id());
    int k = 0;
    if (es != null) {
      for (InferenceEngine<JobRun> e : es) {
        k += e == null ? 0 : e.load();
      }
    }
    return k;
  }

  /** Whether {@code at}'s engine for {@code run}'s model has no room for another sequence. */
  boolean full(Station at, JobRun run) {
    InferenceEngine<JobRun> e = engineOf(at.node, run);
    return e.load() >= e.limits().maxSeqs();
  }

  /** Hands an inference request to its node's engine for that model. */
  void serve(Station at, JobRun run) {
    Node n = at.node;
    Job job = run.job;
    double now = ctx.sim.now();
    InferenceEngine<JobRun> e = engineOf(n, run);
    if (!e.canEverServe(job.promptTokens(), job.outputTokens())) {
      ctx.record(now, TraceEvent.TOO_LARGE, job, n.id());
      job.start(n.id(), now);
      job.requeue();
      flow.fail(run, n, now);
      return;
    }
    job.start(n.id(), now);
    if (!run.isCheck() && flow.returnsJunk(run, n)) {
      // junk returned at once, claiming the time the request would have taken alone
      metrics.started(job, now);
      ctx.record(now, TraceEvent.STARTED, job, n.id());
      int c = n.classIndex();
      double alone = costByClass[c][modelOfWorkload[run.workload()]].requestSeconds(
          job.promptTokens(), job.outputTokens(), e.limits().maxBatchedTokens());
      double gpuSeconds = alone * ctx.nodeClass(n).gpus();
      metrics.skipped(gpuSeconds);
      if (flow.settle(run, n, gpuSeconds, now)) {
        transport.returnResult(at, run, flow, now);
      }
      return;
    }
    Request<JobRun> r = new Request<>(run, job.promptTokens(), job.outputTokens());
    run.attempt.request = r;
    if (!run.isCheck()) {
      metrics.inEngines(1, 0);
    }
    e.submit(r); // may start its service at once: Listener.scheduled
    if (!r.scheduled() && !run.isCheck()) {
      ctx.record(now, TraceEvent.QUEUED, job, n.id()); // in the engine's queue
    }
    updateLoad(n);
  }

  /** {@code r} left its engine before finishing (expired, or the node was lost). */
  private void leftEarly(Request<JobRun> r) {
    if (r.owner().isCheck()) {
      return;
    }
    metrics.inEngines(r.scheduled() ? 0 : -1, r.scheduled() ? -1 : 0);
  }

  /** Takes {@code run}'s request out of its engine (its deadline passed). */
  void remove(Station at, JobRun run) {
    Request<JobRun> r = run.attempt.request;
    if (engineOf(at.node, run).remove(r)) {
      leftEarly(r);
    }
    run.attempt.request = null;
  }

  /** Empties every engine of {@code at} (the node left); the lost jobs are interrupted. */
  void clear(Station at) {
    Node n = at.node;
    InferenceEngine<JobRun>[] es = engines.get(n.id());
    if (es == null) {
      return;
    }
    for (InferenceEngine<JobRun> e : es) {
      if (e == null) {
        continue;
      }
      List<Request<JobRun>> lost = e.clear();
      updateLoad(n);
      for (Request<JobRun> r : lost) {
        leftEarly(r);
        JobRun run = r.owner();
        run.attempt.request = null;
        flow.interrupted(run, n, ctx.sim.now());
      }
    }
  }

  /** Sets {@code n}'s serving load from its engines. */
  void updateLoad(Node n) {
    InferenceEngine<JobRun>[] es = engines.get(n.id());
    double load = 0;
    if (es != null) {
      for (InferenceEngine<JobRun> e : es) {
        if (e != null) {
          load += e.load() / (double) e.limits().maxSeqs();
        }
      }
    }
    n.setServingLoad(load);
    flow.loadChanged(n);
  }

  /**
   * Tells the metrics {@code n}'s engines' occupancy (summed over its models; each engine
   * owns the whole node in this model, see METRICS.md) and whether they hold any request.
   */
  private void occupancyChanged(Node n, double now) {
    InferenceEngine<JobRun>[] es = engines.get(n.id());
    double share = 0;
    boolean busy = false;
    for (InferenceEngine<JobRun> e : es) {
      if (e != null) {
        share += e.occupancy();
        busy |= !e.idle();
      }
    }
    metrics.engines(n, now, share, busy);
  }

  /** Engine callbacks for one node. */
  private final class Listener implements InferenceEngine.Listener<JobRun> {
    private final Station at;
    /** KV-cache bytes of one token on the whole node (all its GPUs). */
    private final long nodeBytesPerToken;

    Listener(Station at, long nodeBytesPerToken) {
      this.at = at;
      this.nodeBytesPerToken = nodeBytesPerToken;
    }

    @Override
    public void scheduled(Request<JobRun> r, double time) {
      Job job = r.owner().job;
      if (r.owner().isCheck()) {
        ctx.record(time, TraceEvent.CHECK_STARTED, job, at.node.id());
        return;
      }
      metrics.inEngines(-1, 1);
      metrics.started(job, time);
      ctx.record(time, TraceEvent.STARTED, job, at.node.id());
    }

    @Override
    public void occupancyChanged(double time) {
      Serving.this.occupancyChanged(at.node, time);
    }

    @Override
    public void firstToken(Request<JobRun> r, double time) {
      Job job = r.owner().job;
      job.firstTokenAt(time);
      if (r.owner().isCheck()) {
        return; // a re-execution for verification is no request of the statistics
      }
      metrics.firstToken(job, time);
      ctx.record(time, TraceEvent.FIRST_TOKEN, job, at.node.id());
    }

    @Override
    public void preempted(Request<JobRun> r, double time) {
      if (r.owner().isCheck()) {
        return;
      }
      metrics.serving.preempted(r.owner().job, at.node.classIndex());
      ctx.record(time, TraceEvent.PREEMPTED, r.owner().job, at.node.id());
    }

    @Override
    public void swappedOut(Request<JobRun> r, double time, long tokens) {
      if (r.owner().isCheck()) {
        return;
      }
      metrics.serving.swappedOut(r.owner().job, at.node.classIndex(),
          tokens * nodeBytesPerToken);
      ctx.record(time, TraceEvent.SWAPPED_OUT, r.owner().job, at.node.id());
    }

    @Override
    public void swappedIn(Request<JobRun> r, double time, long tokens) {
      if (r.owner().isCheck()) {
        return;
      }
      metrics.serving.swappedIn(r.owner().job, at.node.classIndex(), tokens * nodeBytesPerToken);
      ctx.record(time, TraceEvent.SWAPPED_IN, r.owner().job, at.node.id());
    }

    @Override
    public void tokens(Request<JobRun> r, double first, double interval, int tokens) {
      if (r.owner().isCheck()) {
        return;
      }
      metrics.serving.tokens(r.owner().job, first, interval, tokens);
    }

    @Override
    public void finished(Request<JobRun> r, double time) {
      JobRun run = r.owner();
      run.attempt.request = null;
      if (!run.isCheck()) {
        metrics.inEngines(0, -1);
        metrics.serving.decoded(run.job, r.firstTokenAt(), time);
      }
      InferenceEngine<JobRun> e = engineOf(at.node, run);
      double gpuSeconds = (time - run.job.attemptStarted())
          * ctx.nodeClass(at.node).gpus() / Math.max(1, e.running() + 1);
      if (flow.settle(run, at.node, gpuSeconds, time)) {
        transport.returnResult(at, run, flow, time);
      }
      updateLoad(at.node);
      flow.fillSlots(at);
    }
  }
}
