package dev.weft.run;

import dev.weft.ai.AiModel;
import dev.weft.ai.InferenceCost;
import dev.weft.ai.Memory;
import dev.weft.hardware.Hardware;
import dev.weft.node.Node;
import dev.weft.scenario.InferenceWorkload;
import dev.weft.scenario.NodeClass;
import dev.weft.serving.InferenceEngine;
import dev.weft.serving.Request;
import dev.weft.serving.ServingLimits;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * Inference requests on their nodes: one continuous-batching engine per node and model, made on
 * first use, with iteration times from the kernel model. Keeps each node's serving load (what
 * load-based schedulers see) and busy time in step with its engines.
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
  private final boolean[] busy; // [node] whether any engine of the node has work

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
    busy = new boolean[ctx.nodes.length];
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
      long kv = Memory.maxKvTokens(model, hw, nc.gpus());
      ServingLimits limits = new ServingLimits(Memory.SEQUENCES, Memory.BATCHED_TOKENS,
          Math.max(1, kv));
      es[m] = new InferenceEngine<>(ctx.sim, limits, new KernelIterationCost(costByClass[c][m],
          metrics.labelSeconds(c)), new Listener(ctx.station(n.id())));
    }
    return es[m];
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
    boolean wasIdle = e.idle();
    job.start(n.id(), now);
    metrics.started(job, now);
    Request<JobRun> r = new Request<>(run, job.promptTokens(), job.outputTokens());
    run.attempt.request = r;
    ctx.record(now, TraceEvent.STARTED, job, n.id());
    if (wasIdle) {
      metrics.busy(n.classIndex(), now, 1);
    }
    e.submit(r);
    updateLoad(n);
  }

  /** Takes {@code run}'s request out of its engine (its deadline passed). */
  void remove(Station at, JobRun run) {
    engineOf(at.node, run).remove(run.attempt.request);
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
        JobRun run = r.owner();
        run.attempt.request = null;
        flow.interrupted(run, n, ctx.sim.now());
      }
    }
  }

  /** Sets {@code n}'s serving load from its engines and keeps its busy time in step. */
  void updateLoad(Node n) {
    InferenceEngine<JobRun>[] es = engines.get(n.id());
    double load = 0;
    boolean nowBusy = false;
    if (es != null) {
      for (InferenceEngine<JobRun> e : es) {
        if (e != null) {
          load += e.load() / (double) e.limits().maxSeqs();
          nowBusy |= !e.idle();
        }
      }
    }
    n.setServingLoad(load);
    flow.loadChanged(n);
    if (!nowBusy && busy[n.id()]) {
      busy[n.id()] = false;
      metrics.busy(n.classIndex(), ctx.sim.now(), -1);
    } else if (nowBusy) {
      busy[n.id()] = true;
    }
  }

  /** Engine callbacks for one node. */
  private final class Listener implements InferenceEngine.Listener<JobRun> {
    private final Station at;

    Listener(Station at) {
      this.at = at;
    }

    @Override
    public void firstToken(Request<JobRun> r, double time) {
      Job job = r.owner().job;
      job.firstTokenAt(time);
      metrics.firstToken(job, time);
    }

    @Override
    public void finished(Request<JobRun> r, double time) {
      JobRun run = r.owner();
      run.attempt.request = null;
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
