package dev.weft.compare;

import dev.weft.experiment.Replications;
import dev.weft.experiment.SummaryMetrics;
import dev.weft.run.Resources;
import dev.weft.run.RunResult;
import dev.weft.run.World;
import dev.weft.scenario.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A baseline against one or more proposals with common random numbers: replication r of
 * every side runs with the same seed ({@link Replications#seed}), and since every random
 * stream of a run is named by its purpose (arrivals, service, behaviours, churn, checks, ...;
 * see {@code RandomStreams}) a change of policy does not reshuffle the arrivals or the
 * failures: the paired differences measure the change, not the luck. With {@code
 * independentSeeds} the proposals draw other seeds instead; that exists to measure what the
 * pairing buys (BENCHMARKS.md), not for verdicts.
 *
 * <p>Runs go to a pool of {@code jobs} threads and are gathered in (replication, side) order,
 * so the results are the same bytes whatever the number of threads. With {@code untilDecided},
 * replications are added while an objective is inconclusive, up to {@code maxReplications}:
 * next as many as the smallest estimate of {@link Judge.ObjectiveResult#replicationsToDecide},
 * at least one more.
 */
public final class Comparison {

  /** What the caller may vary. */
  public record Options(int replications, boolean untilDecided, int maxReplications, int jobs,
      boolean independentSeeds, Consumer<String> log) {}

  /** One side's replications: flattened summaries in replication order, and series bands. */
  public record Side(String label, List<Map<String, Double>> runs, SeriesBands series) {}

  /** A proposal's evidence, its rank among the proposals (1 = best) and its side. */
  public record Ranked(Proposal proposal, Side side, List<Judge.ObjectiveResult> objectives,
      int rank) {}

  /** Everything compared. */
  public record Outcome(Scenario baseline, List<Long> seeds, Side baselineSide,
      List<Ranked> proposals, boolean independentSeeds) {}

  private Comparison() {}

  public static Outcome run(Scenario baseline, Resources resources, List<Proposal> proposals,
      Options opts) {
    Side base = new Side("baseline", new ArrayList<>(), new SeriesBands());
    List<Side> sides = new ArrayList<>();
    for (Proposal p : proposals) {
      sides.add(new Side(p.id(), new ArrayList<>(), new SeriesBands()));
    }
    List<Long> seeds = new ArrayList<>();
    int n = 0;
    int target = opts.replications();
    List<List<Judge.ObjectiveResult>> judged;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, opts.jobs()));
    try {
      while (true) {
        // a few replications at a time: finished runs are reduced to their summaries before
        // more start, so memory does not grow with the replications
        int chunk = Math.max(1, opts.jobs() / (1 + proposals.size()) + 1);
        for (int from = n; from < target; from += chunk) {
          runReplications(baseline, resources, proposals, opts, from,
              Math.min(target, from + chunk), base, sides, seeds, pool);
        }
        n = target;
        judged = new ArrayList<>();
        int next = Integer.MAX_VALUE;
        for (int i = 0; i < proposals.size(); i++) {
          List<Judge.ObjectiveResult> j = Judge.judge(proposals.get(i).objectives(),
              base.runs(), sides.get(i).runs());
          judged.add(j);
          for (Judge.ObjectiveResult r : j) {
            if (r.verdict() == Verdict.INCONCLUSIVE && r.replicationsToDecide() > 0) {
              next = Math.min(next, r.replicationsToDecide());
            }
          }
        }
        boolean open = judged.stream().flatMap(List::stream)
            .anyMatch(r -> r.verdict() == Verdict.INCONCLUSIVE);
        if (!opts.untilDecided() || !open || n >= opts.maxReplications()) {
          break;
        }
        target = Math.min(opts.maxReplications(), Math.max(n + 1,
            next == Integer.MAX_VALUE ? n + 1 : next));
        opts.log().accept("undecided after " + n + " replications; running up to " + target);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < proposals.size(); i++) {
      ranked.add(new Ranked(proposals.get(i), sides.get(i), judged.get(i), 0));
    }
    return new Outcome(baseline, seeds, base, rank(ranked), opts.independentSeeds());
  }

  /**
   * Proposals ordered by objectives met (most first), then not met (fewest first), then as
   * given; equal counts share a rank.
   */
  static List<Ranked> rank(List<Ranked> in) {
    Comparator<Ranked> order = Comparator
        .comparingInt((Ranked r) -> -Judge.tally(r.objectives())[0])
        .thenComparingInt(r -> Judge.tally(r.objectives())[1]);
    List<Ranked> sorted = new ArrayList<>(in);
    sorted.sort(order); // stable: ties keep the order given
    List<Ranked> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Ranked r = sorted.get(i);
      int rank = i == 0 || order.compare(sorted.get(i - 1), r) != 0 ? i + 1
          : out.get(i - 1).rank();
      out.add(new Ranked(r.proposal(), r.side(), r.objectives(), rank));
    }
    return out;
  }

  private static void runReplications(Scenario baseline, Resources resources,
      List<Proposal> proposals, Options opts, int from, int to, Side base, List<Side> sides,
      List<Long> seeds, ExecutorService pool) {
    List<Future<RunResult>> futures = new ArrayList<>();
    for (int r = from; r < to; r++) {
      long seed = Replications.seed(baseline.seed(), r);
      seeds.add(seed);
      futures.add(pool.submit(() -> new World(baseline.withSeed(seed), resources).run()));
      long propSeed = opts.independentSeeds()
          ? dev.weft.random.RandomStreams.derive(seed, "independent") : seed;
      for (Proposal p : proposals) {
        futures.add(pool.submit(() -> world(p, propSeed).run()));
      }
    }
    try {
      int f = 0;
      for (int r = from; r < to; r++) {
        add(base, futures.get(f++).get());
        for (Side s : sides) {
          add(s, futures.get(f++).get());
        }
        opts.log().accept("replication " + r + " done");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a run of the comparison failed: " + e.getCause(),
          e.getCause());
    }
  }

  /** The proposed side's world: the changed scenario, or the baseline with its upgrades. */
  static World world(Proposal p, long seed) {
    World w = new World(p.scenario().withSeed(seed), p.resources());
    for (Proposal.Upgrade u : p.upgrades()) {
      w.upgrade(u.at(), u.scenario());
    }
    return w;
  }

  private static void add(Side side, RunResult r) {
    side.runs().add(SummaryMetrics.of(r));
    side.series().add(r.series(), r.economySeries());
  }
}
