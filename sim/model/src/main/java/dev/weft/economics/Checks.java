package dev.weft.economics;

import dev.weft.scenario.BehavioursConfig;
import dev.weft.scenario.VerificationConfig;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The checking of one completed job: the verification policy's plan, checkers drawn by stake
 * among the active online operators, their results compared with the original's, and one
 * verdict queued per checker (rewarded for agreeing with the accepted result, slashed for not).
 * A trusted referee stands in where no checker can be drawn or a vote reaches no quorum. The
 * job's own verdict is the caller's ({@link Jobs}); this class decides only whether it passes.
 * Nothing is allocated per job.
 */
final class Checks {
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
  /** The checker that caught the last result {@link #passes} rejected; -1: the protocol. */
  int reporter = -1;

  /**
   * {@code workRng} is the stream executions draw from (the job path's too: a replica is an
   * execution); {@code checkRng} the stream of plans (a jumped copy), checker draws and false
   * alarms.
   */
  Checks(Books books, VerificationPolicy policy, VerificationConfig cfg, Verdicts verdicts,
      JobCounts counts, BehavioursConfig bp, UniformRandomProvider workRng,
      UniformRandomProvider checkRng) {
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
    int maxReplicas = Math.max(1, cfg.replicas());
    this.replicaOps = new int[maxReplicas];
    this.replicaResults = new Result[maxReplicas];
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
    }
  }

  /** The policy's plan for the job completed now (reused: read it before the next call). */
  CheckPlan plan() {
    policy.plan(planRng, plan);
    return plan;
  }

  /**
   * Checks {@code operator}'s result {@code r} of {@code gpuSeconds} as the last {@link #plan}
   * says, queuing the checkers' verdicts at {@code due}. Returns whether the result passes;
   * when it does not, {@link #reporter} is the checker that caught it.
   */
  boolean passes(int operator, Result r, double gpuSeconds, double due) {
    reporter = -1;
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
      } else {
        counts.refereeRuns++;
        counts.refereeGpuSeconds += gpuSeconds;
      }
      pass = r == Result.CORRECT && !falseAlarm();
      reporter = pass ? -1 : v;
    }
    if (v >= 0) {
      addChecker(v, gpuSeconds, true, due);
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
    return falseAlarmRate > 0 && checkRng.nextDouble() < falseAlarmRate;
  }

  /**
   * A stake-weighted draw among active online operators other than {@code exclude} and the
   * first {@code drawn} replicas; -1 when there is none (a trusted referee stands in).
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
}
