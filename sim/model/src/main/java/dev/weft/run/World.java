package dev.weft.run;

import dev.weft.economics.Economy;
import dev.weft.economics.StakeListener;
import dev.weft.engine.Simulator;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * One run of a scenario: composes the parts (placement, job flow, serving, gangs, transport,
 * churn and membership, arrivals, economy, metrics) over one simulator, runs it to the
 * scenario's duration and returns what was measured. Build one per run; {@link #run} may be
 * called once.
 *
 * <p>The optional subsystems are null objects when the scenario leaves them out: without a
 * network, {@link Transport#DIRECT} delivers jobs at once and {@link Gangs#NONE} runs no
 * data-parallel jobs; without economics, {@link RunEconomy#NONE} accepts every result.
 */
public final class World {
  /**
   * The scenario paths {@link #upgrade} can change mid-run (and everything under them); of
   * {@code economics.rewards}, the split and the unclaimed rule; of {@code economics.staking},
   * the minimum and the unbonding period.
   */
  public static final List<String> UPGRADABLE = upgradable();

  private final RunContext ctx;
  private final Simulator sim;
  private final RunEconomy economy;
  private final Transport transport;
  private final Placement placement;
  private final RunMetrics metrics;
  private final JobFlow flow;
  private final Gangs gangs;
  private final Churn churn;
  private final InjectedFaults faults;
  private final List<Arrivals> arrivals = new ArrayList<>();
  private final Economy ledgerEconomy; // null without economics
  private final List<Runnable> upgrades = new ArrayList<>();
  /** The placement policy in force. */
  private String policy;
  private boolean ran;

  public World(Scenario scenario) {
    this(scenario, Resources.NONE);
  }

  public World(Scenario scenario, Resources resources) {
    ctx = new RunContext(scenario, resources);
    sim = ctx.sim;
    policy = scenario.scheduler().policy();
    for (int w = 0; w < scenario.workload().size(); w++) {
      Workload wl = scenario.workload().get(w);
      if (wl.nodes() > 1 && scenario.network() == null) {
        throw new IllegalArgumentException("workload " + wl.name() + " runs on " + wl.nodes()
            + " nodes: it needs a network section");
      }
    }
    ledgerEconomy = scenario.economics() == null ? null : Economy.create(scenario.economics(),
        Fleet.operators(scenario, ctx.streams, resources), ctx.streams);
    economy = ledgerEconomy == null ? RunEconomy.NONE : RunEconomy.of(ledgerEconomy);
    NetworkTransport network = scenario.network() == null ? null : new NetworkTransport(ctx);
    transport = network == null ? Transport.DIRECT : network;
    placement = new Placement(ctx, economy, transport);
    metrics = new RunMetrics(ctx, transport.seriesColumns());
    TrainingTimes training = new TrainingTimes(ctx, metrics);
    flow = new JobFlow(ctx, placement, metrics, economy, transport, training);
    Serving serving = new Serving(ctx, metrics, flow, transport);
    gangs = network == null ? Gangs.NONE
        : new NetworkGangs(ctx, placement, metrics, network, training, flow);
    flow.connect(serving, gangs);
    if (network != null) {
      network.onRepair(flow::afterRepair);
    }
    churn = new Churn(ctx, placement, metrics, economy, transport, flow, serving);
    economy.onActivityChange(churn::activityChanged);
    faults = new InjectedFaults(ctx, churn, economy, transport);
    Arrivals.IdSource ids = new Arrivals.IdSource();
    for (int w = 0; w < scenario.workload().size(); w++) {
      arrivals.add(new Arrivals(ctx, flow, transport, ids, w));
    }
  }

  /**
   * Node classes able to run workload {@code w}: all for synthetic jobs, else where it fits.
   *
   * @see Eligibility#classes
   */
  public static List<Integer> eligibleClasses(Scenario s, Resources r, int w) {
    return Eligibility.classes(s, r, w);
  }

  /**
   * A governance upgrade at simulated time {@code at}: from then on the run follows {@code
   * after}'s protocol parameters, the paths of {@link #UPGRADABLE}. The placement policy
   * switches for every placement decided from then on (jobs waiting centrally are offered to
   * the new one at once; see {@link Placement#use}) and a changed retry limit applies to
   * failures from then on; the economics switch section by section as {@link
   * Economy#reconfigure} states. Every other part of {@code after} (nodes, workload, network,
   * faults, duration, token supply, stakes...) must equal this run's scenario, seed aside: it
   * holds state a live network cannot swap. Call before {@link #run}; several upgrades make a
   * ramp, each applying what differs from the one before. The event draws no random number
   * (a new scheduler draws from a stream of its own), so until {@code at} the run is the run
   * without it.
   */
  public World upgrade(double at, Scenario after) {
    if (ran || !(at >= 0)) {
      throw new IllegalStateException("upgrades are scheduled before the run, at t >= 0");
    }
    Scenario now = ctx.scenario;
    if ((now.economics() == null) != (after.economics() == null)) {
      throw new IllegalArgumentException("an upgrade cannot add or remove the economics");
    }
    Scenario held = new Scenario(now.name(), now.description(), now.seed(), after.duration(),
        after.warmup(), after.nodes(), after.workload(), now.scheduler(), after.outputs(),
        now.economics(), after.network(), after.faults());
    if (!held.equals(now)) {
      throw new IllegalArgumentException("only " + String.join(", ", UPGRADABLE)
          + " can change mid-run");
    }
    if (now.economics() != null) {
      Economy.checkUpgrade(now.economics(), after.economics());
    }
    int k = upgrades.size();
    upgrades.add(() -> sim.scheduleAt(at, () -> apply(after, k)));
    return this;
  }

  private static List<String> upgradable() {
    List<String> out = new ArrayList<>(List.of("scheduler"));
    for (String p : Economy.UPGRADABLE) {
      out.add("economics." + p);
    }
    return List.copyOf(out);
  }

  /** Applies what {@code after} changes against the parameters now in force. */
  private void apply(Scenario after, int k) {
    if (ledgerEconomy != null) {
      ledgerEconomy.reconfigure(after.economics(), sim.now());
      placement.weightsChanged(); // an auction's bids may have moved with the fee policy
    }
    ctx.retries(after.scheduler().retries());
    if (!after.scheduler().policy().equals(policy)) {
      policy = after.scheduler().policy();
      placement.use(policy, k);
      for (Placement.Group g : placement.groups()) {
        flow.redispatchCentral(g);
      }
    }
  }

  /** Sends every job lifecycle event to {@code t}. */
  public World trace(Trace t) {
    ctx.trace(t);
    economy.trace(t); // verifications, verdicts, slashes and payments, by operator
    return this;
  }

  /**
   * Sends every change of an operator's own bonded stake to {@code l}, starting with each
   * operator's stake now (a scenario without economics has none).
   */
  public World stakeLog(StakeListener l) {
    economy.onStakeChange(l);
    return this;
  }

  public RunResult run() {
    return run(fraction -> {});
  }

  /** Runs to the scenario's duration, reporting progress (0..1) at each metrics sample. */
  public RunResult run(DoubleConsumer progress) {
    if (ran) {
      throw new IllegalStateException("a World runs once");
    }
    ran = true;
    long wallStart = System.nanoTime();
    placement.attach();
    Scenario scenario = ctx.scenario;
    double duration = scenario.duration();
    double warmup = Math.min(scenario.warmup(), duration);
    sim.warmup(warmup, this::endWarmup);
    economy.begin(sim, churn::syncMembership, placement::weightsChanged,
        metrics::epochUtilization);
    for (Arrivals a : arrivals) {
      a.scheduleNext();
    }
    churn.start();
    faults.schedule();
    upgrades.forEach(Runnable::run);
    double interval = scenario.outputs().metricsInterval();
    sim.every(interval, interval, () -> {
      sample();
      progress.accept(Math.min(1.0, sim.now() / duration));
    });
    sim.runUntil(duration);
    if (!metrics.sampledUntil(duration)) {
      sample();
    }
    progress.accept(1.0);
    double wall = (System.nanoTime() - wallStart) / 1e9;
    return metrics.result(wall, duration - warmup, economy, transport.result(
        metrics.networkShare(), gangs.allReduces(),
        Percentiles.of(gangs.allReduceSeconds())));
  }

  private void endWarmup() {
    transport.endWarmup();
    metrics.endWarmup(sim.now());
    economy.endWarmup(sim.now());
  }

  private void sample() {
    metrics.sample(sim.now(), transport.sample());
    economy.sample(sim.now());
  }

  /** Live waiting jobs as the metrics count them, for consistency checks in tests. */
  int queuedLive() {
    return metrics.queued();
  }

  RunContext context() {
    return ctx;
  }

  Placement placement() {
    return placement;
  }
}
