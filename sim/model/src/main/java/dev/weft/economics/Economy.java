package dev.weft.economics;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.BehavioursConfig;
import dev.weft.scenario.EconomicsConfig;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

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
 */
public final class Economy {
  private static final String STREAM = "economics/";

  private final EconomicsConfig cfg;
  private final Books books;
  private final Ledger ledger;
  private final Operators ops;
  private final Stakes stakes;
  private final Penalties penalties;
  private final Rewards rewards;
  private final Membership membership;
  private final Verdicts verdicts = new Verdicts();
  private final EmissionPolicy emission;
  private final PriceModel priceModel;
  private final FeePolicy fees;
  private final VerificationPolicy verification;
  private final BehavioursConfig bp;
  private final UniformRandomProvider workRng;
  private final UniformRandomProvider faultRng;
  private final UniformRandomProvider checkRng;
  private final Quote quote = new Quote();
  private final CheckPlan plan = new CheckPlan();
  private final int[] replicaOps;
  private final Result[] replicaResults;
  private final double[] availability;
  private final double maxSupplyUnits;
  private final double listPricePerGpuHour;
  private final double listPricePer1k;

  private double now;
  private double lastTick;
  private double emissionTarget;
  private double emissionCompensation;
  private long emittedUnits;
  private double epochWork;
  private long epochTips;
  private boolean closed;
  final Counters counters = new Counters();

  /** Job and check counts for the summary. */
  static final class Counters {
    long completed;
    long failed;
    long paid;
    long rejected;
    long junk;
    long junkAccepted;
    long junkCaught;
    long falseRejections;
    long checks;
    long refereeRuns;
    long missedDeadlines;
    double refereeGpuSeconds;
    long unpaidUnits;
    double feesFiat;
  }

  private Economy(EconomicsConfig cfg, List<OperatorSpec> specs, RandomStreams streams) {
    this.cfg = cfg;
    int decimals = cfg.token().decimals();
    double unitsPerToken = Math.pow(10, decimals);
    double start = cfg.token().price().start();
    this.priceModel = PriceModels.create(cfg.token().price(), streams.stream(STREAM + "price"));
    this.emission = Emissions.create(cfg.emission());
    this.fees = FeePolicies.create(cfg.fees(), start, 1 / unitsPerToken);
    this.verification = VerificationPolicies.create(cfg.verification());
    this.bp = cfg.behaviours();
    this.workRng = streams.stream(STREAM + "work");
    this.faultRng = streams.stream(STREAM + "faults");
    this.checkRng = streams.stream(STREAM + "checks");
    this.ops = new Operators(specs);
    this.ledger = new Ledger(Accounts.count(ops.n));
    Double cap = cfg.emission().maxSupply();
    this.maxSupplyUnits = cap == null ? Double.POSITIVE_INFINITY : cap * unitsPerToken;
    this.listPricePerGpuHour = cfg.fees().pricePerGpuHour();
    this.listPricePer1k = cfg.fees().pricePer1kTokens();
    long minimum = Books.toUnits(cfg.staking().minimum(), unitsPerToken);
    this.books = new Books(ledger, ops, unitsPerToken, minimum, fees, start);
    this.stakes = new Stakes(books, cfg.staking().unbonding());
    this.penalties = new Penalties(books, stakes, cfg.slashing());
    this.rewards = new Rewards(books, cfg.rewards().split(), cfg.staking().commission(),
        perIdentity(cfg.rewards().availabilityWeighting()));
    this.membership = new Membership(books, stakes, cfg.operators());
    int maxReplicas = Math.max(1, cfg.verification().replicas());
    this.replicaOps = new int[maxReplicas];
    this.replicaResults = new Result[maxReplicas];
    this.availability = new double[ops.n];
    genesis(specs, minimum);
    fees.attach(new OperatorView() {
      @Override
      public int operatorCount() {
        return ops.n;
      }

      @Override
      public boolean isActive(int operator) {
        return books.isActive(operator);
      }

      @Override
      public double costPerGpuHour(int operator) {
        return ops.costPerGpuHour[operator];
      }
    });
    priceModel.advance(0);
    books.price = priceModel.price();
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

  private static boolean perIdentity(String weighting) {
    return switch (weighting) {
      case "identity" -> true;
      case "stake" -> false;
      default -> throw new IllegalArgumentException("unknown availability weighting '"
          + weighting + "', known: identity, stake");
    };
  }

  /**
   * Genesis: each operator's stake bonded (or left liquid when below the minimum, so it is an
   * outsider that may join later), delegated stake beside it, and the rest of the initial supply
   * with the market.
   */
  private void genesis(List<OperatorSpec> specs, long minimum) {
    long supply = books.units(cfg.token().initialSupply());
    long allocated = 0;
    for (int o = 0; o < ops.n; o++) {
      long own = books.units(specs.get(o).stake());
      boolean member = own >= minimum;
      long delegated = member ? books.units(specs.get(o).stake() * cfg.staking().delegation())
          : 0;
      ledger.genesis(member ? Accounts.bonded(o) : Accounts.liquid(o), own);
      ledger.genesis(Accounts.delegated(o), delegated);
      allocated += own + delegated;
      if (allocated > supply) {
        throw new IllegalArgumentException("operators' genesis stake (" + books.tokens(allocated)
            + " tokens with delegation) exceeds token.initialSupply "
            + cfg.token().initialSupply());
      }
      ops.targetStake[o] = Math.max(own, minimum);
      ops.participating[o] = member;
    }
    ledger.genesis(Accounts.MARKET, supply - allocated);
    for (int o = 0; o < ops.n; o++) {
      books.refresh(o);
    }
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

  /** Bonded plus delegated stake in tokens when active, else 0: a stake-weighted scheduler's weight. */
  public double selectionWeight(int operator) {
    return books.isActive(operator) ? books.tokens(books.stake(operator)) : 0;
  }

  /** The operator's auction bid in fiat per GPU-hour, or the list price without an auction. */
  public double bid(int operator) {
    double bid = fees.bid(operator);
    return Double.isNaN(bid) ? listPricePerGpuHour : bid;
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

  Ledger ledger() {
    return ledger;
  }

  // ---- per job

  /** Whether this execution by {@code operator} fails (flaky and Sybil behaviours). */
  public boolean executionFails(int operator) {
    return ops.behaviour[operator].failsExecution(faultRng, bp);
  }

  /** An execution failed after {@code gpuSeconds} of work: energy spent, nothing paid. */
  public void onJobFailed(int operator, double gpuSeconds, double now) {
    advance(now);
    counters.failed++;
    ops.chargeCompute(operator, gpuSeconds);
  }

  /**
   * {@code operator} delivered a result after {@code gpuSeconds} of GPU time and
   * {@code outputTokens} of model output (0 where not priced per token). Returns the extra
   * executions the verification policy asked for, which a run may also schedule on real nodes
   * (their outcome is decided here either way). Work from an inactive operator is still priced
   * and checked: a scheduler should consult {@link #isActive}.
   */
  public int onJobCompleted(int operator, double gpuSeconds, double outputTokens, double now) {
    advance(now);
    Counters c = counters;
    c.completed++;
    epochWork += gpuSeconds;
    Result r = ops.behaviour[operator].execute(workRng, bp);
    if (r == Result.CORRECT) {
      ops.chargeCompute(operator, gpuSeconds);
    } else {
      c.junk++;
    }
    double fiat = gpuSeconds / 3600 * listPricePerGpuHour + outputTokens / 1000 * listPricePer1k;
    quote.clear();
    fees.quote(operator, gpuSeconds, fiat, books.price, quote);
    long charge = books.units(quote.charge);
    long tip = books.units(quote.tip);
    long paid = collect(charge + tip, now);
    if (paid < charge + tip) {
      c.unpaidUnits += charge + tip - paid;
      charge = Math.min(charge, paid);
      tip = paid - charge;
    }
    c.feesFiat += books.fiat(paid);
    long burn = Math.min(charge, Math.round(charge * quote.burnShare));

    verification.plan(checkRng, plan);
    double due = now + plan.delay;
    boolean pass;
    int reporter = -1;
    if (plan.extraExecutions == 0) {
      pass = true;
    } else if (plan.quorum == 0) {
      c.checks++;
      int v = drawChecker(operator, 0);
      if (v >= 0 && ops.behaviour[v].approvesUnchecked(r, checkRng, bp)) {
        pass = true;
      } else {
        if (v >= 0) {
          ops.chargeCompute(v, gpuSeconds);
        } else {
          c.refereeRuns++;
          c.refereeGpuSeconds += gpuSeconds;
        }
        pass = r == Result.CORRECT && !falseAlarm();
        reporter = pass ? -1 : v;
      }
      if (v >= 0) {
        addChecker(v, gpuSeconds, true, due);
      }
    } else {
      c.checks++;
      pass = vote(operator, r, gpuSeconds, due);
    }
    int s = verdicts.add(due);
    verdicts.op[s] = operator;
    verdicts.gpuSeconds[s] = gpuSeconds;
    verdicts.role[s] = Verdicts.EXECUTOR;
    verdicts.pass[s] = pass;
    verdicts.result[s] = (byte) r.ordinal();
    verdicts.charge[s] = charge;
    verdicts.burn[s] = burn;
    verdicts.tip[s] = tip;
    verdicts.reporter[s] = reporter;
    settleDue(now);
    return plan.extraExecutions;
  }

  /** A deadline passed while {@code operator} held the job. */
  public void onMissedDeadline(int operator, double now) {
    advance(now);
    counters.missedDeadlines++;
    penalties.deadline(operator, now);
  }

  /** {@code operator}'s node went offline. */
  public void onOffline(int operator, double now) {
    advance(now);
    ops.accrue(operator, now);
    ops.online[operator] = false;
    books.refresh(operator);
  }

  /** {@code operator}'s node came back online. */
  public void onOnline(int operator, double now) {
    advance(now);
    ops.accrue(operator, now);
    ops.online[operator] = true;
    books.refresh(operator);
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
    advance(now);
    double dt = now - lastTick;
    if (dt <= 0) {
      return;
    }
    Books bk = books;
    double onlineGpuSeconds = 0;
    for (int o = 0; o < ops.n; o++) {
      ops.accrue(o, now);
      onlineGpuSeconds += ops.epochOnline[o] * ops.gpus[o];
    }
    bk.price = priceModel.advance(now);
    emit(now);
    double threshold = cfg.slashing().downtime().threshold();
    for (int o = 0; o < ops.n; o++) {
      availability[o] = ops.epochPresent[o] > 0 ? ops.epochOnline[o] / ops.epochPresent[o]
          : Double.NaN;
    }
    rewards.distribute(availability, threshold, now);
    for (int o = 0; o < ops.n; o++) {
      if (ops.participating[o] && !ops.jailed[o] && availability[o] < threshold) {
        penalties.downtime(o, now);
      }
    }
    double utilization = onlineGpuSeconds > 0 ? Math.min(1, epochWork / onlineGpuSeconds) : 0;
    fees.endEpoch(utilization);
    for (int o = 0; o < ops.n; o++) {
      if (ops.jailed[o] && now >= ops.jailedUntil[o]) {
        ops.jailed[o] = false;
        bk.refresh(o);
      }
      if (ops.participating[o] && !ops.jailed[o]) {
        stakes.topUp(o, now);
      }
    }
    membership.epoch(dt, rewards.operatorBudget + epochTips, utilization, now);
    double sell = cfg.operators().sellShare();
    if (sell > 0) {
      for (int o = 0; o < ops.n; o++) {
        long units = Penalties.fraction(ledger.balance(Accounts.liquid(o)), sell);
        ledger.transfer(Accounts.liquid(o), Accounts.MARKET, units, Cause.SALE, now);
      }
    }
    ops.resetEpoch();
    epochWork = 0;
    epochTips = 0;
    lastTick = now;
    ledger.checkInvariants(now);
  }

  /** Ends the run at {@code now}: a last (partial) epoch, then the summary. */
  public EconomicsSummary close(double now) {
    if (!closed) {
      tick(now);
      closed = true;
    }
    return SummaryBuilder.build(this, ops, books, penalties, stakes, membership, cfg, now);
  }

  /** Throws {@link InvariantViolation} if the ledger does not balance at {@code now}. */
  public void checkInvariants(double now) {
    ledger.checkInvariants(now);
  }

  // ---- time series

  /** Column names of {@link #sample} (time excluded: the run puts its own first). */
  public static List<String> seriesColumns() {
    return SERIES;
  }

  private static final List<String> SERIES = List.of("price", "supply", "minted", "burned",
      "staked", "stakingRatio", "treasury", "activeOperators", "jailedOperators", "baseFee",
      "inflation", "slashed", "feeEscrow", "pendingVerdicts");

  /**
   * One row of the economics time series at {@code now}, in {@link #seriesColumns} order; also
   * valid after {@link #close} (the final state).
   */
  public double[] sample(double now) {
    if (!closed) {
      advance(now);
    }
    long staked = totalStake();
    long supply = ledger.supply();
    int jailed = 0;
    for (int o = 0; o < ops.n; o++) {
      jailed += ops.jailed[o] ? 1 : 0;
    }
    long slashed = 0;
    for (long s : penalties.slashedByCause) {
      slashed += s;
    }
    double base = fees.baseFee();
    double infl = emission.inflationRate();
    return new double[] {books.price, books.tokens(supply),
        books.tokens(ledger.minted()), books.tokens(ledger.burned()),
        books.tokens(staked), supply > 0 ? staked / (double) supply : 0,
        books.tokens(ledger.balance(Accounts.TREASURY)), books.activeCount, jailed,
        Double.isNaN(base) ? 0 : base, Double.isNaN(infl) ? 0 : infl,
        books.tokens(slashed), books.tokens(ledger.balance(Accounts.FEE_ESCROW)),
        verdicts.size()};
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
    settleDue(t);
    stakes.mature(t);
    penalties.processDue(t);
  }

  private void settleDue(double t) {
    int s;
    while ((s = verdicts.pollDue(t)) >= 0) {
      settle(s, verdicts.dueOf(s));
      verdicts.release(s);
    }
  }

  private void settle(int s, double t) {
    Verdicts v = verdicts;
    int o = v.op[s];
    if (v.role[s] == Verdicts.CHECKER) {
      if (v.pass[s]) {
        ops.epochCheckWork[o] += v.gpuSeconds[s];
      } else {
        penalties.fraud(o, -1, t);
      }
      return;
    }
    long charge = v.charge[s];
    long tip = v.tip[s];
    boolean junk = v.result[s] != Result.CORRECT.ordinal();
    if (v.pass[s]) {
      ledger.burn(Accounts.FEE_ESCROW, v.burn[s], Cause.FEE_BURN, t);
      ledger.transfer(Accounts.FEE_ESCROW, Accounts.REWARD_POOL, charge - v.burn[s],
          Cause.FEE_TO_POOL, t);
      ledger.transfer(Accounts.FEE_ESCROW, Accounts.liquid(o), tip, Cause.TIP, t);
      ops.earn(o, tip, books.fiat(tip));
      epochTips += tip;
      ops.epochVerifiedWork[o] += v.gpuSeconds[s];
      counters.paid++;
      if (junk) {
        counters.junkAccepted++;
      }
    } else {
      ledger.transfer(Accounts.FEE_ESCROW, Accounts.SUBMITTERS, charge + tip, Cause.REFUND, t);
      counters.rejected++;
      if (junk) {
        counters.junkCaught++;
      } else {
        counters.falseRejections++;
      }
      penalties.fraud(o, v.reporter[s], t);
    }
  }

  /** Submitters pay {@code units} into escrow, buying what they lack from the market. */
  private long collect(long units, double t) {
    long have = ledger.balance(Accounts.SUBMITTERS);
    if (have < units) {
      long buy = Math.min(units - have, ledger.balance(Accounts.MARKET));
      ledger.transfer(Accounts.MARKET, Accounts.SUBMITTERS, buy, Cause.PURCHASE, t);
    }
    long pay = Math.min(units, ledger.balance(Accounts.SUBMITTERS));
    ledger.transfer(Accounts.SUBMITTERS, Accounts.FEE_ESCROW, pay, Cause.FEE, t);
    return pay;
  }

  /** k-of-n: draws the replicas, compares results, queues their verdicts; the original's pass. */
  private boolean vote(int operator, Result r, double gpuSeconds, double due) {
    int n = plan.extraExecutions;
    Result original = r == Result.CORRECT && falseAlarm() ? Result.JUNK : r;
    int correct = original == Result.CORRECT ? 1 : 0;
    int cartel = original == Result.CARTEL_JUNK ? 1 : 0;
    for (int i = 0; i < n; i++) {
      int v = drawChecker(operator, i);
      replicaOps[i] = v;
      Result rr = Result.CORRECT;
      if (v >= 0) {
        rr = ops.behaviour[v].execute(workRng, bp);
        if (rr == Result.CORRECT) {
          ops.chargeCompute(v, gpuSeconds);
          if (falseAlarm()) {
            rr = Result.JUNK;
          }
        }
      } else {
        counters.refereeGpuSeconds += gpuSeconds;
      }
      replicaResults[i] = rr;
      correct += rr == Result.CORRECT ? 1 : 0;
      cartel += rr == Result.CARTEL_JUNK ? 1 : 0;
    }
    Result accepted;
    if (correct >= plan.quorum && correct >= cartel) {
      accepted = Result.CORRECT;
    } else if (cartel >= plan.quorum) {
      accepted = Result.CARTEL_JUNK;
    } else {
      counters.refereeRuns++;
      counters.refereeGpuSeconds += gpuSeconds;
      accepted = Result.CORRECT;
    }
    for (int i = 0; i < n; i++) {
      if (replicaOps[i] >= 0) {
        addChecker(replicaOps[i], gpuSeconds, replicaResults[i] == accepted, due);
      }
    }
    return original == accepted;
  }

  private void addChecker(int v, double gpuSeconds, boolean pass, double due) {
    int s = verdicts.add(due);
    verdicts.op[s] = v;
    verdicts.gpuSeconds[s] = gpuSeconds;
    verdicts.role[s] = Verdicts.CHECKER;
    verdicts.pass[s] = pass;
    verdicts.result[s] = 0;
    verdicts.charge[s] = 0;
    verdicts.burn[s] = 0;
    verdicts.tip[s] = 0;
    verdicts.reporter[s] = -1;
  }

  private boolean falseAlarm() {
    double p = cfg.verification().falseAlarmRate();
    return p > 0 && checkRng.nextDouble() < p;
  }

  /**
   * A stake-weighted draw among active online operators other than {@code exclude} and the
   * first {@code drawn} replicas; -1 when there is none (a trusted referee stands in).
   */
  private int drawChecker(int exclude, int drawn) {
    WeightIndex w = books.selectable;
    long total = w.total();
    long blocked = w.get(exclude);
    for (int i = 0; i < drawn; i++) {
      if (replicaOps[i] >= 0) {
        blocked += w.get(replicaOps[i]);
      }
    }
    if (total - blocked <= 0) {
      return -1;
    }
    for (int attempt = 0; attempt < 32; attempt++) {
      int v = w.find(checkRng.nextLong(total));
      boolean taken = v == exclude;
      for (int i = 0; i < drawn && !taken; i++) {
        taken = replicaOps[i] == v;
      }
      if (!taken) {
        return v;
      }
    }
    return -1;
  }

  private void emit(double t) {
    long supply = ledger.supply();
    double ratio = supply > 0 ? totalStake() / (double) supply : 0;
    double amount = emission.amount(lastTick, t, books.tokens(supply), ratio);
    // Kahan sum of the schedule, minted as the rounded cumulative target: no drift over epochs
    double y = amount - emissionCompensation;
    double sum = emissionTarget + y;
    emissionCompensation = (sum - emissionTarget) - y;
    emissionTarget = sum;
    long target = books.units(emissionTarget);
    long mint = target - emittedUnits;
    mint = (long) Math.min(mint, Math.max(0, maxSupplyUnits - supply));
    if (mint > 0) {
      ledger.mint(Accounts.REWARD_POOL, mint, Cause.EMISSION, t);
      emittedUnits += mint;
    }
  }

  long totalStake() {
    long s = 0;
    for (int o = 0; o < ops.n; o++) {
      s += books.stake(o);
    }
    return s;
  }

  FeePolicy fees() {
    return fees;
  }

  EmissionPolicy emission() {
    return emission;
  }

  long pendingVerdicts() {
    return verdicts.size();
  }
}
