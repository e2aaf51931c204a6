package dev.weft.economics;

import dev.weft.scenario.BehavioursConfig;
import dev.weft.scenario.VerificationConfig;
import java.util.function.DoubleSupplier;
import java.util.function.IntPredicate;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The checking of one completed job: the verification policy's plan, checkers drawn by stake
 * among the active online operators, their results compared with the original's, and one
 * verdict queued per checker (rewarded for agreeing with the accepted result, slashed for not).
 * A trusted referee stands in where no checker can be drawn or a vote reaches no quorum. The
 * job's own verdict is the caller's ({@link Jobs}); this class decides only whether it passes.
 * Nothing is allocated per job.
 *
 * <p>It also takes the cartel's decision for the job ({@link #cartelCheats}), as a rational
 * cartel would. Under a vote the replicas are assigned with the job, so the cartel knows its
 * members among them: it returns junk (every member alike) only when it can carry the vote,
 * holding a quorum that the others, assumed honest, cannot match. Under a single secret check
 * it cannot know the checker: a colluding executor cheats only when the compute it saves
 * exceeds the loss it expects, the probability of a check by a non-member times the fee
 * refunded plus the fraud slash. Either way {@code collusionSkipRate} is the share of such
 * jobs it acts on.
 */
final class Checks {
  private final Books b;
  private final Operators ops;
  private final WeightIndex selectable;
  private VerificationPolicy policy;
  private final Verdicts verdicts;
  private final JobCounts counts;
  private final BehavioursConfig bp;
  private final UniformRandomProvider workRng;
  private final UniformRandomProvider checkRng;
  private final UniformRandomProvider planRng;
  private double falseAlarmRate;
  private final CheckPlan plan = new CheckPlan();
  private int[] replicaOps;
  private Result[] replicaResults;
  /** The fraud penalty in force (a governance upgrade may change it): what the cartel weighs. */
  private final DoubleSupplier fraudPenalty;
  private final boolean cartelExists;
  /** The replicas of the current vote were drawn already (to let the cartel decide). */
  private boolean predrawn;
  private Result[] replicaExecuted;
  /** The checker that caught the last result {@link #passes} rejected; -1: the protocol. */
  int reporter = -1;
  /**
   * The checkers of the last job that re-executed it (spent the compute), in draw order: the
   * run occupies their nodes for it. A lazy checker approving unchecked, a replica returning
   * junk and the trusted referee (outside the network) are not among them.
   */
  private int[] executed;
  /** How many of {@link #executed} the last job has. */
  int reexecutions;
  private IntPredicate canRun = v -> true;
  /** Whether the cartel returns junk on the current job (see the class comment). */
  boolean cartelCheats;

  /**
   * {@code workRng} is the stream executions draw from (the job path's too: a replica is an
   * execution); {@code checkRng} the stream of plans (a jumped copy), checker draws and false
   * alarms.
   */
  Checks(Books books, VerificationPolicy policy, VerificationConfig cfg, DoubleSupplier fraudPenalty,
      Verdicts verdicts, JobCounts counts, BehavioursConfig bp, UniformRandomProvider workRng,
      UniformRandomProvider checkRng) {
    this.b = books;
    this.ops = books.ops;
    this.selectable = books.selectable;
    this.policy = policy;
    this.falseAlarmRate = cfg.falseAlarmRate();
    this.verdicts = verdicts;
    this.counts = counts;
    this.bp = bp;
    this.workRng = workRng;
    // Plans get a stream of their own (a jump of xoshiro's state: 2^128 draws apart), so job
    // k's "is it checked?" draw is the same whatever earlier checks drew for checkers, votes
    // and false alarms: two runs whose check rates differ check nested sets of the same jobs
    // (common random numbers for verification proposals)
    this.planRng = checkRng instanceof JumpableUniformRandomProvider j ? j.jump() : checkRng;
    this.checkRng = checkRng;
    this.fraudPenalty = fraudPenalty;
    boolean cartel = false;
    for (Behaviour x : ops.behaviour) {
      cartel |= x == Behaviour.COLLUDING;
    }
    this.cartelExists = cartel;
    int maxReplicas = Math.max(1, cfg.replicas());
    this.replicaOps = new int[maxReplicas];
    this.replicaResults = new Result[maxReplicas];
    this.replicaExecuted = new Result[maxReplicas];
    this.executed = new int[maxReplicas];
  }

  /** The {@code i}-th checker of the last job that re-executed it. */
  int reexecutor(int i) {
    if (i < 0 || i >= reexecutions) {
      throw new IndexOutOfBoundsException(i);
    }
    return executed[i];
  }

  private void executedBy(int v) {
    executed[reexecutions++] = v;
  }

  /**
   * From now on, checks follow {@code next} built from {@code cfg} (a governance upgrade taking
   * effect mid-run); verdicts already queued keep the plan they were drawn under.
   */
  void use(VerificationPolicy next, VerificationConfig cfg) {
    this.policy = next;
    this.falseAlarmRate = cfg.falseAlarmRate();
    int maxReplicas = Math.max(1, cfg.replicas());
    if (maxReplicas > replicaOps.length) {
      this.replicaOps = new int[maxReplicas];
      this.replicaResults = new Result[maxReplicas];
      this.replicaExecuted = new Result[maxReplicas];
      this.executed = new int[maxReplicas];
    }
  }

  /** The policy's plan for the job completed now (reused: read it before the next call). */
  CheckPlan plan() {
    policy.plan(planRng, plan);
    predrawn = false;
    cartelCheats = false;
    return plan;
  }

  /**
   * The cartel's decision for the job {@code operator} completed, {@code gpuSeconds} long with
   * a fee worth {@code feeFiat}, under the last {@link #plan}: sets {@link #cartelCheats}.
   * Under a vote it draws the replicas now (among operators whose node {@code canRun} the
   * job), which {@link #passes} then uses. Without colluders it draws nothing, so their absence
   * leaves every stream as it was.
   */
  void decideCartel(int operator, double gpuSeconds, double feeFiat, IntPredicate canRun) {
    if (!cartelExists) {
      return;
    }
    this.canRun = canRun;
    boolean member = ops.behaviour[operator] == Behaviour.COLLUDING;
    boolean pays;
    if (plan.extraExecutions > 0 && plan.quorum > 0) {
      int n = plan.extraExecutions;
      int cartel = member ? 1 : 0;
      for (int i = 0; i < n; i++) {
        replicaOps[i] = drawChecker(operator, i);
        cartel += replicaOps[i] >= 0 && ops.behaviour[replicaOps[i]] == Behaviour.COLLUDING
            ? 1 : 0;
      }
      predrawn = true;
      int others = n + 1 - cartel;
      pays = cartel >= plan.quorum && !(others >= plan.quorum && others >= cartel);
    } else if (member) {
      long own = b.selectable.get(operator);
      long rest = b.selectable.total() - own;
      double cartelShare = rest > 0 ? (b.cartelWeight - own) / (double) rest : 0;
      double caught = policy.checkProbability() * (1 - cartelShare);
      double slash = fraudPenalty.getAsDouble() * b.fiat(b.slashable(operator));
      double saved = ops.busyPerGpuSecond[operator] * gpuSeconds;
      pays = saved > caught * (feeFiat + slash);
    } else {
      pays = false;
    }
    cartelCheats = pays && Behaviour.draw(workRng, bp.collusionSkipRate());
  }

  /** A colluder's or anyone else's result for the current job. */
  Result execute(int operator) {
    return ops.behaviour[operator] == Behaviour.COLLUDING
        ? (cartelCheats ? Result.CARTEL_JUNK : Result.CORRECT)
        : ops.behaviour[operator].execute(workRng, bp);
  }

  /**
   * Checks {@code operator}'s result {@code r} of {@code gpuSeconds} as the last {@link #plan}
   * says, with checkers whose node {@code canRun} the job, queuing their verdicts at
   * {@code due}. Returns whether the result passes;
   * when it does not, {@link #reporter} is the checker that caught it.
   */
  boolean passes(int operator, Result r, double gpuSeconds, double due, IntPredicate canRun) {
    reporter = -1;
    reexecutions = 0;
    this.canRun = canRun;
    if (plan.extraExecutions == 0) {
      return true;
    }
    counts.checks++;
    return plan.quorum == 0 ? compare(operator, r, gpuSeconds, due)
        : vote(operator, r, gpuSeconds, due);
  }

  /** One verifier compares (or approves unchecked); the referee checks when none is drawn. */
  private boolean compare(int operator, Result r, double gpuSeconds, double due) {
    boolean pass;
    int v = drawChecker(operator, 0);
    if (v >= 0 && ops.behaviour[v].approvesUnchecked(r, checkRng, bp)) {
      pass = true;
    } else {
      if (v >= 0) {
        ops.chargeCompute(v, gpuSeconds);
        executedBy(v);
      } else {
        counts.refereeRuns++;
        counts.refereeGpuSeconds += gpuSeconds;
      }
      pass = r == Result.CORRECT && !falseAlarm();
      reporter = pass ? -1 : v;
    }
    if (v >= 0) {
      addChecker(v, gpuSeconds, true, Result.CORRECT, due);
    }
    return pass;
  }

  /** k-of-n: draws the replicas, compares results, queues their verdicts; the original's pass. */
  private boolean vote(int operator, Result r, double gpuSeconds, double due) {
    int n = plan.extraExecutions;
    Result original = r == Result.CORRECT && falseAlarm() ? Result.JUNK : r;
    int correct = original == Result.CORRECT ? 1 : 0;
    int cartel = original == Result.CARTEL_JUNK ? 1 : 0;
    for (int i = 0; i < n; i++) {
      int v = predrawn ? replicaOps[i] : drawChecker(operator, i);
      replicaOps[i] = v;
      Result rr = Result.CORRECT;
      if (v >= 0) {
        rr = execute(v);
        replicaExecuted[i] = rr;
        if (rr == Result.CORRECT) {
          ops.chargeCompute(v, gpuSeconds);
          executedBy(v);
          if (falseAlarm()) {
            rr = Result.JUNK;
          }
        }
      } else {
        counts.refereeGpuSeconds += gpuSeconds;
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
      counts.refereeRuns++;
      counts.refereeGpuSeconds += gpuSeconds;
      accepted = Result.CORRECT;
    }
    for (int i = 0; i < n; i++) {
      if (replicaOps[i] >= 0) {
        addChecker(replicaOps[i], gpuSeconds, replicaResults[i] == accepted, replicaExecuted[i],
            due);
      }
    }
    return original == accepted;
  }

  /** {@code executed}: the checker's own result before any false alarm (false-slash rate). */
  private void addChecker(int v, double gpuSeconds, boolean pass, Result executed,
      double due) {
    b.events.event(due - plan.delay, EconomyEvent.VERIFICATION, v, 0);
    int s = verdicts.add(due);
    verdicts.op[s] = v;
    verdicts.gpuSeconds[s] = gpuSeconds;
    verdicts.role[s] = Verdicts.CHECKER;
    verdicts.pass[s] = pass;
    verdicts.result[s] = (byte) executed.ordinal();
    verdicts.charge[s] = 0;
    verdicts.burn[s] = 0;
    verdicts.tip[s] = 0;
    verdicts.reporter[s] = -1;
  }

  private boolean falseAlarm() {
    return falseAlarmRate > 0 && checkRng.nextDouble() < falseAlarmRate;
  }

  /**
   * A stake-weighted draw among active online operators other than {@code exclude} and the
   * first {@code drawn} replicas whose node can run the job; -1 when there is none (a trusted
   * referee stands in). Operators whose node cannot run it are redrawn, up to the same bound.
   */
  private int drawChecker(int exclude, int drawn) {
    WeightIndex w = selectable;
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
      boolean taken = v == exclude || !canRun.test(v);
      for (int i = 0; i < drawn && !taken; i++) {
        taken = replicaOps[i] == v;
      }
      if (!taken) {
        return v;
      }
    }
    return -1;
  }
}
