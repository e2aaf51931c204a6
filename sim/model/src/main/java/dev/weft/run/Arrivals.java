package dev.weft.run;

import dev.weft.engine.Simulator;
import dev.weft.random.Distribution;
import dev.weft.random.Distributions;
import dev.weft.scenario.ArrivalProcess;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.InferenceWorkload;
import dev.weft.scenario.SyntheticWorkload;
import dev.weft.scenario.TrainingWorkload;
import dev.weft.scenario.Workload;
import dev.weft.scenario.WorkloadKind;
import dev.weft.workload.ArrivalTrace;
import dev.weft.workload.Job;

/**
 * One workload's arrival stream and its per-job draws (service, tokens, steps), each from its
 * own named random stream, or a replayed trace. Each arrival becomes a job handed to the
 * {@link JobFlow}, then the next arrival is scheduled.
 */
final class Arrivals {
  private final RunContext ctx;
  private final Simulator sim;
  private final JobFlow flow;
  private final Transport transport;
  private final IdSource ids;
  private final int index;
  private final WorkloadKind kind;
  private final boolean loop;
  private final Distribution.Sampler gap;
  private final Distribution.Sampler service;
  private final Distribution.Sampler prompt;
  private final Distribution.Sampler output;
  private final ArrivalTrace trace;
  private int traceRow;
  private double lapStart;

  /** Job ids, shared by every workload's stream, in arrival order. */
  static final class IdSource {
    private long next;

    long next() {
      return next++;
    }
  }

  Arrivals(RunContext ctx, JobFlow flow, Transport transport, IdSource ids, int index) {
    this.ctx = ctx;
    this.sim = ctx.sim;
    this.flow = flow;
    this.transport = transport;
    this.ids = ids;
    this.index = index;
    this.kind = ctx.kind(index);
    Workload w = ctx.workload(index);
    this.loop = w.arrivals().loop();
    String base = "workload/" + w.name();
    boolean replay = w.arrivals().process() == ArrivalProcess.TRACE;
    trace = replay ? ctx.resources.traces().get(w.name()) : null;
    if (replay && trace == null) {
      throw new IllegalArgumentException("workload " + w.name() + " replays a trace that"
          + " was not loaded");
    }
    Distribution gapDist = switch (w.arrivals().process()) {
      case POISSON -> Distributions.exponential(1.0 / w.arrivals().rate());
      case RENEWAL -> w.arrivals().interarrival().toDistribution();
      case TRACE -> null;
    };
    gap = gapDist == null ? null : gapDist.sampler(ctx.streams.stream(base + "/arrivals"));
    DistSpec demand = w instanceof TrainingWorkload t ? t.steps()
        : w instanceof SyntheticWorkload s ? s.service() : null;
    service = demand == null ? () -> 0.0
        : demand.toDistribution().sampler(ctx.streams.stream(base + "/service"));
    DistSpec promptTokens = w instanceof InferenceWorkload i ? i.promptTokens() : null;
    DistSpec outputTokens = w instanceof InferenceWorkload i ? i.outputTokens() : null;
    prompt = promptTokens == null ? () -> 1.0
        : promptTokens.toDistribution().sampler(ctx.streams.stream(base + "/prompt"));
    output = outputTokens == null ? () -> 1.0
        : outputTokens.toDistribution().sampler(ctx.streams.stream(base + "/output"));
  }

  /** Schedules the next arrival, unless the stream has ended or it falls past the duration. */
  void scheduleNext() {
    double at;
    if (trace != null) {
      if (traceRow == trace.size()) {
        if (!loop) {
          return;
        }
        traceRow = 0;
        lapStart += trace.period();
      }
      at = lapStart + trace.offsets()[traceRow];
    } else {
      at = sim.now() + Math.max(0, gap.sample());
    }
    if (at < ctx.scenario.duration()) {
      sim.scheduleAt(Math.max(at, sim.now()), this::arrive);
    }
  }

  private void arrive() {
    double now = sim.now();
    double demand = Math.max(0, service.sample());
    if (kind == WorkloadKind.TRAINING) {
      demand = Math.max(1, Math.round(demand));
    }
    Job job = new Job(ids.next(), index, now, demand, now >= sim.warmupTime());
    if (kind == WorkloadKind.INFERENCE) {
      int p;
      int o;
      if (trace != null) {
        p = trace.promptTokens()[traceRow];
        o = trace.outputTokens()[traceRow];
      } else {
        p = (int) Math.round(prompt.sample());
        o = (int) Math.round(output.sample());
      }
      job.tokens(Math.max(1, p), Math.max(1, o));
    }
    JobRun run = new JobRun(job);
    ctx.created(run);
    transport.prepare(run);
    if (trace != null) {
      traceRow++;
    }
    flow.submit(run);
    scheduleNext();
  }
}
