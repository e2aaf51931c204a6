package dev.weft.economics;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.RewardsConfig;
import dev.weft.scenario.StakingConfig;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The token economy of one run: the only mutable object a run drives. Build it with {@link
 * #create}, report what happens through the {@code on...} methods, call {@link #tick} once per
 * {@link #epochLength()}, and {@link #close} at the end for the {@link EconomicsSummary}.
 * Times passed in must never decrease.
 *
 * <p>Per job: {@link #executionFails} when the run is about to complete a job (flaky nodes),
 * then either {@link #onJobFailed} or {@link #onJobCompleted}. The economy prices the job,
 * escrows the fee, asks the verification policy for checks, draws the checkers, compares
 * results, and settles the fee and any penalty when the verdict is due (at the first call whose
 * time reaches it). No allocation per job once warm.
 *
 * <p>A facade: it keeps the clock and delegates to package-private collaborators, the per-job
 * path to {@link Jobs} (checks in {@link Checks}), the per-epoch tick to {@link Epochs}, the
 * time series to {@link Series}, the opening balances to {@link Genesis}, and the summary to
 * {@link SummaryBuilder}; state they share lives in {@link Books}.
 */
public final class Economy {
  /** The sections of {@code economics} that {@link #reconfigure} can change mid-run. */
  public static final List<String> UPGRADABLE = List.of("verification", "rewards.split",
      "rewards.unclaimed", "slashing", "fees", "emission", "staking.minimum",
      "staking.unbonding");

  private static final String STREAM = "economics/";

  private final EconomicsConfig cfg;
  /** The protocol parameters in force: {@link #cfg} until a governance upgrade. */
  private EconomicsConfig inForce;
  private final Books books;
  private final Ledger ledger;
  private final Operators ops;
  private final Stakes stakes;
  private final Penalties penalties;
  private final Membership membership;
  private final FeeSwitch fees;
  private final Jobs jobs;
  private final Epochs epochs;
  private final Series series;

  private double now;
  private boolean closed;
  private boolean closing;
  private Window atWarmup;
  private Window window; // null until the warm-up ends: the window is then the whole run
  /** The warm-up ended mid-epoch: the window moves to the next epoch end before the last. */
  private boolean windowAtNextEpoch;
  private final Window genesis;

  /**
   * Wires the collaborators. The steps that can refuse a configuration run in a fixed order (the
   * minimum stake in base units, then the genesis), so a scenario's first error stays the same.
   */
  private Economy(EconomicsConfig cfg, List<OperatorSpec> specs, RandomStreams streams) {
    this.cfg = cfg;
    this.inForce = cfg;
    double unitsPerToken = Math.pow(10, cfg.token().decimals());
    double start = cfg.token().price().start();
    PriceModel price = PriceModels.create(cfg.token().price(), streams.stream(STREAM + "price"));
    EmissionPolicy emission = Emissions.create(cfg.emission());
    this.fees = new FeeSwitch(cfg.fees(), start, 1 / unitsPerToken);
    VerificationPolicy verification = VerificationPolicies.create(cfg.verification());
    this.ops = new Operators(specs, cfg.behaviours().sybilIdentities());
    this.ledger = new Ledger(Accounts.count(ops.n));
    long minimum = Books.toUnits(cfg.staking().minimum(), unitsPerToken);
    this.books = new Books(ledger, ops, unitsPerToken, minimum, fees, start);
    this.stakes = new Stakes(books, cfg.staking().unbonding());
    this.penalties = new Penalties(books, stakes, cfg.slashing());
    this.membership = new Membership(books, stakes, cfg.operators());
    this.jobs = new Jobs(cfg, books, fees, penalties, verification,
        streams.stream(STREAM + "work"), streams.stream(STREAM + "faults"),
        streams.stream(STREAM + "checks"));
    this.epochs = new Epochs(cfg, books, price, emission, penalties, stakes, membership, jobs);
    this.series = new Series(books, penalties, jobs, epochs.issuance);
    Genesis.allocate(books, specs, cfg.token().initialSupply(), cfg.staking().delegation());
    books.stakeHistory = new StakeHistory(ledger, ops.n, unitsPerToken);
    fees.attach(books);
    price.advance(0);
    books.price = price.price();
    this.genesis = Window.openAt(0, books, penalties, membership, epochs.issuance);
  }

  /**
   * The economy of {@code operators} (an operator's id is its index) under {@code config},
   * drawing from {@code economics/...} streams of {@code streams}. Throws
   * IllegalArgumentException for unknown policy names or a genesis that does not fit.
   */
  public static Economy create(EconomicsConfig config, List<OperatorSpec> operators,
      RandomStreams streams) {
    List<String> problems = EconomicsVocabulary.problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new Economy(config, operators, streams);
  }

  // ---- what the run needs to know

  /** Seconds between calls to {@link #tick}. */
  public double epochLength() {
    return cfg.epoch();
  }

  /** Whether {@code operator} may be given work: in the network, not jailed, staked enough. */
  public boolean isActive(int operator) {
    return books.isActive(operator);
  }

  /**
   * Tells {@code l} the moment any operator's {@link #isActive} changes (a jail or release, a
   * leave or join, a slash below the minimum stake or a top-up), so a run can take the node out
   * of placement, or back in, at once rather than at the next epoch. One listener; a new one
   * replaces the last.
   */
  public void onActivityChange(ActivityListener l) {
    books.listener = l == null ? ActivityListener.NONE : l;
  }

  /**
   * Tells {@code l} of every verification draw, verdict, slash and payment, with the operator
   * (for {@code trace.csv}). One listener; a new one replaces the last.
   */
  public void onEvent(EconomyEvent.Listener l) {
    books.events = l == null ? EconomyEvent.Listener.NONE : l;
  }

  /**
   * Tells {@code l} of every change of an operator's own bonded stake from now on, starting
   * with each operator's balance now (for {@code metrics/stake.csv}). One listener; a new one
   * replaces the last.
   */
  public void onStakeChange(StakeListener l) {
    books.stakeHistory.listen(l, now);
  }

  /** Bonded plus delegated stake in tokens when active, else 0: a stake-weighted scheduler's weight. */
  public double selectionWeight(int operator) {
    return books.isActive(operator) ? books.tokens(books.stake(operator)) : 0;
  }

  /** The operator's auction bid in fiat per GPU-hour, or the list price without an auction. */
  public double bid(int operator) {
    double bid = fees.bid(operator);
    return Double.isNaN(bid) ? fees.config().pricePerGpuHour() : bid;
  }

  /** The token's fiat price now. */
  public double price() {
    return books.price;
  }

  public int operatorCount() {
    return ops.n;
  }

  public Behaviour behaviour(int operator) {
    return ops.behaviour[operator];
  }

  /** The balance of {@code account} (see {@link Accounts}) in base units. */
  public long balance(int account) {
    return ledger.balance(account);
  }

  /** Tokens per base unit of the ledger. */
  public double tokens(long units) {
    return books.tokens(units);
  }

  // ---- governance upgrades

  /**
   * A governance upgrade at {@code now}: from here on the economy runs under {@code next}'s
   * protocol parameters, the sections a vote can change on a live network ({@link
   * #UPGRADABLE}); every other section must equal the one in force (it holds state, such as
   * supply, stakes and operators, or sets the clock). Each section's switch rule:
   * <ul>
   *   <li>verification: results delivered from now on are checked under it; verdicts already
   *       queued keep the plan they were drawn under;</li>
   *   <li>rewards.split: from the next payout on (an epoch ending at the upgrade's instant
   *       pays after it, so under the new split);</li>
   *   <li>slashing: every penalty decided from now on, downtime judged at the next epoch end
   *       included; the fraud history of the correlation window carries over ({@link
   *       Penalties#use});</li>
   *   <li>fees: jobs delivered from now on are priced by it; escrowed fees settle as priced
   *       ({@link FeeSwitch} states the EIP-1559 base fee's rule);</li>
   *   <li>emission: from the next epoch end on, over that whole epoch ({@link
   *       Epochs#useEmission});</li>
   *   <li>rewards.unclaimed: role shares nobody earns from the next payout on ({@link
   *       Epochs#useUnclaimed});</li>
   *   <li>staking.unbonding: unbondings started from now on; those queued keep their due time
   *       ({@link Stakes#useUnbonding});</li>
   *   <li>staking.minimum: at once: targets rise to it, operators top up, activity is
   *       re-derived ({@link Stakes#useMinimum}).</li>
   * </ul>
   * Throws IllegalArgumentException for unknown names or a change outside those sections.
   */
  public void reconfigure(EconomicsConfig next, double now) {
    checkUpgrade(cfg, next);
    advance(now);
    EconomicsConfig was = inForce;
    inForce = next;
    if (!next.verification().equals(was.verification())) {
      jobs.useVerification(next.verification());
    }
    if (!next.rewards().split().equals(was.rewards().split())) {
      epochs.useSplit(next.rewards().split());
    }
    if (!next.slashing().equals(was.slashing())) {
      penalties.use(next.slashing(), now);
    }
    if (!next.fees().equals(was.fees())) {
      fees.use(next.fees(), books.price);
    }
    if (!next.emission().equals(was.emission())) {
      epochs.useEmission(next.emission());
    }
    if (!next.rewards().unclaimed().equals(was.rewards().unclaimed())) {
      epochs.useUnclaimed(UnclaimedRule.byName(next.rewards().unclaimed()));
    }
    if (next.staking().unbonding() != was.staking().unbonding()) {
      stakes.useUnbonding(next.staking().unbonding());
    }
    if (next.staking().minimum() != was.staking().minimum()) {
      stakes.useMinimum(books.units(next.staking().minimum()), now);
    }
  }

  /**
   * Throws IllegalArgumentException unless {@code next} can replace {@code from} mid-run: its
   * names are known and it differs from {@code from} only in the {@link #UPGRADABLE} sections.
   */
  public static void checkUpgrade(EconomicsConfig from, EconomicsConfig next) {
    List<String> problems = EconomicsVocabulary.problems(next);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    // next with the upgradable sections put back as they are: what must not have changed
    EconomicsConfig held = new EconomicsConfig(next.token(), from.emission(), from.fees(),
        new RewardsConfig(from.rewards().split(), next.rewards().availabilityWeighting(),
            from.rewards().unclaimed()), new StakingConfig(from.staking().minimum(),
            from.staking().unbonding(), next.staking().delegation(),
            next.staking().commission()), from.slashing(), from.verification(),
        next.operators(), next.costs(), next.behaviours(), next.epoch());
    if (!held.equals(from)) {
      throw new IllegalArgumentException("only " + String.join(", ", UPGRADABLE)
          + " of the economics can change mid-run");
    }
  }

  // ---- per job

  /** Whether this execution by {@code operator} fails (flaky and Sybil behaviours). */
  public boolean executionFails(int operator) {
    return jobs.executionFails(operator);
  }

  /** An execution failed after {@code gpuSeconds} of work: energy spent, nothing paid. */
  public void onJobFailed(int operator, double gpuSeconds, double now) {
    advance(now);
    jobs.failed(operator, gpuSeconds);
  }

  /**
   * {@code operator} delivered a result after {@code gpuSeconds} of GPU time and
   * {@code outputTokens} of model output (0 where not priced per token). Returns the extra
   * executions the verification policy asked for, which a run may also schedule on real nodes
   * (their outcome is decided here either way). Work from an inactive operator is still priced
   * and checked: a scheduler should consult {@link #isActive}.
   */
  public int onJobCompleted(int operator, double gpuSeconds, double outputTokens, double now) {
    return onJobCompleted(operator, gpuSeconds, outputTokens, Double.NaN, now);
  }

  /**
   * As {@link #onJobCompleted(int, double, double, double)} for a job an auction placed:
   * {@code secondBid} is the cheapest competing bid in fiat per GPU-hour (infinity when nobody
   * else bid; NaN when no auction placed the job), what a second-price auction pays.
   */
  public int onJobCompleted(int operator, double gpuSeconds, double outputTokens,
      double secondBid, double now) {
    advance(now);
    return jobs.completed(operator, gpuSeconds, outputTokens, now, jobs.draw(operator),
        v -> true, secondBid);
  }

  /**
   * What the execution {@code operator} is about to start will return, drawn by its behaviour:
   * anything but {@link Result#CORRECT} is junk returned at once, without spending the compute,
   * so the run frees the node at once (a lazy node's saving is its capacity as well as its
   * energy). A colluder computes here; whether the cartel cheats is decided at delivery.
   */
  public Result execution(int operator) {
    return jobs.draw(operator);
  }

  /**
   * {@code operator} delivered result {@code r} (drawn by {@link #execution} when it started)
   * of {@code gpuSeconds} at {@code now}: prices, escrows and checks the job. Checkers are drawn
   * among operators for which {@code canRun} holds (their node can run this job).
   * {@code secondBid} is the job's auction second price in fiat per GPU-hour (infinity when
   * nobody else bid, NaN when no auction placed it). Returns how many checkers re-execute it
   * on their own node; {@link #reexecutor} names them, until the next call.
   */
  public int onJobCompleted(int operator, double gpuSeconds, double outputTokens, double now,
      Result r, IntPredicate canRun, double secondBid) {
    advance(now);
    return jobs.completed(operator, gpuSeconds, outputTokens, now, r, canRun, secondBid);
  }

  /** The {@code i}-th checker of the last completed job that re-executes it on its node. */
  public int reexecutor(int i) {
    return jobs.reexecutor(i);
  }

  /** A deadline passed while {@code operator} held the job. */
  public void onMissedDeadline(int operator, double now) {
    advance(now);
    jobs.counts.missedDeadlines++;
    penalties.deadline(operator, now);
  }

  /**
   * {@code operator} is slashed as for fraud, with the fraud penalty, jail and correlation
   * penalty, though no job of its failed a check: a mass slashing injected by a scenario's
   * faults (a client bug that made many operators sign wrong results together).
   */
  public void onInjectedFraud(int operator, double now) {
    advance(now);
    penalties.fraud(operator, -1, now);
    // no result caused it (a client bug, a faulty oracle): a false fraud slash by definition
    jobs.counts.fraudSlashes++;
    jobs.counts.falseFraudSlashes++;
  }

  /** {@code operator}'s node went offline. */
  public void onOffline(int operator, double now) {
    advance(now);
    ops.setOwnOnline(operator, false, now);
    for (int o : ops.machine[operator]) {
      books.refresh(o);
    }
  }

  /** {@code operator}'s node came back online. */
  public void onOnline(int operator, double now) {
    advance(now);
    ops.setOwnOnline(operator, true, now);
    for (int o : ops.machine[operator]) {
      books.refresh(o);
    }
  }

  /**
   * {@code operator} leaves the network for reasons of its own: it stops being selectable and
   * its stake starts unbonding (still slashable until released). With join/leave on, it may
   * return when profitable.
   */
  public void leave(int operator, double now) {
    advance(now);
    if (ops.participating[operator]) {
      membership.leave(operator, now);
    }
  }

  // ---- per epoch

  /**
   * End of an epoch: accrue costs, move the price, mint emission, pay the roles, slash
   * downtime, update the fee, release jails and top up stakes, let operators join or leave,
   * sell liquid tokens, and check the ledger's invariants.
   */
  public void tick(double now) {
    tick(now, Double.NaN);
  }

  /**
   * End of an epoch in which {@code utilization} of the network's serving capacity was in use,
   * as the run measured it (time-averaged, GPU-weighted; see METRICS.md): what the fee policy
   * steers by, as EIP-1559 steers by gas used over the gas target. {@link #tick(double)},
   * for an economy driven without a run, takes the delivered GPU-seconds over the online
   * GPU-seconds instead, which is the same figure when every job holds whole GPUs and ends
   * inside the epoch.
   */
  public void tick(double now, double utilization) {
    advance(now);
    epochs.end(now, utilization);
    if (windowAtNextEpoch && !closing) {
      window = Window.openAt(now, books, penalties, membership, epochs.issuance);
      windowAtNextEpoch = false;
    }
  }

  /**
   * The warm-up ends at {@code now}: the job counts restart here, as the run's job and network
   * statistics do. The window of the money figures (returns, slashing, issuance) opens at the
   * first epoch end at or after {@code now} short of the run's end: rewards are paid at epoch
   * ends for the epoch just gone, so a window opening mid-epoch would set a whole epoch's
   * rewards against part of its costs. A run with no such epoch end keeps {@code now}.
   */
  public void endWarmup(double now) {
    advance(now);
    window = Window.openAt(now, books, penalties, membership, epochs.issuance);
    atWarmup = window;
    windowAtNextEpoch = epochs.issuance.lastEnd() < now;
    jobs.counts.restart();
  }

  /** Ends the run at {@code now}: a last (partial) epoch, then the summary. */
  public EconomicsSummary close(double now) {
    return close(now, Double.NaN);
  }

  /**
   * Ends the run at {@code now}: a last (partial) epoch in which {@code utilization} of the
   * capacity was in use (as in {@link #tick(double, double)}), then the summary.
   */
  public EconomicsSummary close(double now, double utilization) {
    if (!closed) {
      closing = true; // the last, partial epoch does not move the window
      tick(now, utilization);
      closed = true;
    }
    if (window != null && window.start >= now) {
      window = atWarmup; // the epoch end was the run's end: an empty window says nothing
    }
    return SummaryBuilder.build(books, penalties, membership, jobs.counts, jobs.pending(), cfg,
        window != null ? window : genesis, genesis, now);
  }

  /** Throws {@link InvariantViolation} if the ledger does not balance at {@code now}. */
  public void checkInvariants(double now) {
    ledger.checkInvariants(now);
  }

  // ---- time series

  /** Column names of {@link #sample} (time excluded: the run puts its own first). */
  public static List<String> seriesColumns() {
    return Series.COLUMNS;
  }

  /**
   * One row of the economics time series at {@code now}, in {@link #seriesColumns} order; also
   * valid after {@link #close} (the final state).
   */
  public double[] sample(double now) {
    if (!closed) {
      advance(now);
    }
    return series.row();
  }

  // ---- internals

  private void advance(double t) {
    if (t < now) {
      throw new IllegalArgumentException("time went backwards: " + t + " after " + now);
    }
    if (closed) {
      throw new IllegalStateException("the economy was closed at t=" + now);
    }
    now = t;
    // what fell due since the last call, in time order: a verdict's fraud slash due after a
    // correlation penalty must not take stake before it (ties: verdicts, unbonding, penalties)
    double next;
    while ((next = Math.min(jobs.nextDue(), Math.min(stakes.nextDue(), penalties.nextDue())))
        <= t) {
      jobs.settleDue(next);
      stakes.mature(next);
      penalties.processDue(next);
    }
  }

  Ledger ledger() {
    return ledger;
  }

  FeePolicy fees() {
    return fees.current();
  }

  Operators operators() {
    return ops;
  }
}
