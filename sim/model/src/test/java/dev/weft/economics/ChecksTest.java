package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.RecordDefaults;
import dev.weft.scenario.VerificationConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * One job's check, operator 0 the executor, with behaviours that never draw, so each outcome
 * follows from the rules alone: who is drawn (everyone eligible, when there are no more
 * eligible operators than checkers), what each returns, and how the votes count.
 */
class ChecksTest {
  /** GPU-seconds of the job: 0.1 fiat of energy for whoever re-executes it. */
  private static final double G = 100;
  private static final double DUE = 60;
  /** Every operator's node can run the job. */
  private static final IntPredicate ANY = v -> true;

  private final Verdicts verdicts = new Verdicts();
  private final JobCounts counts = new JobCounts();
  private Books books;

  /** Plans {@code extra} executions needing {@code quorum} matches, over active operators. */
  private Checks plan(int extra, int quorum, Behaviour... behaviours) {
    List<OperatorSpec> specs = Fixtures.operators(100, behaviours);
    books = Fixtures.books(1, 1, specs);
    Genesis.allocate(books, specs, 1e6, 0);
    RandomStreams s = new RandomStreams(1);
    VerificationPolicy always = new VerificationPolicy() {
      @Override
      public void plan(org.apache.commons.rng.UniformRandomProvider rng, CheckPlan out) {
        out.set(extra, quorum, DUE);
      }

      @Override
      public double checkProbability() {
        return 1;
      }
    };
    Checks c = new Checks(books, always, RecordDefaults.of(VerificationConfig.class), () -> 0.05,
        verdicts, counts, Fixtures.certainBehaviours(), s.stream("work"), s.stream("checks"));
    assertEquals(extra, c.plan().extraExecutions);
    return c;
  }

  /** The checkers' verdicts, operator to pass, all due at {@link #DUE} and none before. */
  private Map<Integer, Boolean> checkerVerdicts() {
    assertEquals(-1, verdicts.pollDue(DUE - 1));
    Map<Integer, Boolean> out = new TreeMap<>();
    int s;
    while ((s = verdicts.pollDue(DUE)) >= 0) {
      assertEquals(Verdicts.CHECKER, verdicts.role[s]);
      out.put(verdicts.op[s], verdicts.pass[s]);
    }
    return out;
  }

  private double energy(int op) {
    return books.ops.costFiat[op];
  }

  @Test
  void twoHonestReplicasOutvoteJunkAndAreBothRewarded() {
    Checks c = plan(2, 2, Behaviour.LAZY, Behaviour.HONEST, Behaviour.HONEST);
    assertFalse(c.passes(0, Result.JUNK, G, DUE, ANY));
    assertEquals(-1, c.reporter, "a vote names no reporter");
    assertEquals(Map.of(1, true, 2, true), checkerVerdicts());
    assertEquals(0.1, energy(1), 1e-12);
    assertEquals(0.1, energy(2), 1e-12);
    assertEquals(1, counts.checks);
    assertEquals(0, counts.refereeRuns);
  }

  @Test
  void aCartelMajorityOutvotesHonestWorkAndPassesItsOwnJunk() {
    Checks c = plan(2, 2, Behaviour.HONEST, Behaviour.COLLUDING, Behaviour.COLLUDING);
    // 1 correct against 2 cartel results, quorum 2: the cartel carries the vote, so it cheats
    c.decideCartel(0, G, 0, ANY);
    assertTrue(c.cartelCheats);
    assertFalse(c.passes(0, Result.CORRECT, G, DUE, ANY));
    assertEquals(Map.of(1, true, 2, true), checkerVerdicts());
    assertEquals(0, energy(1), "a colluder returns junk without computing");
    Checks cartel = plan(2, 2, Behaviour.COLLUDING, Behaviour.COLLUDING, Behaviour.COLLUDING);
    cartel.decideCartel(0, G, 0, ANY);
    assertTrue(cartel.passes(0, cartel.execute(0), G, DUE, ANY));
    assertEquals(Result.CARTEL_JUNK, cartel.execute(0));
  }

  @Test
  void aSplitVoteGoesToTheRefereeAndTheDissenterFails() {
    // quorum 3 of 3: 2 correct, 1 junk reach neither, so the referee decides for correct
    Checks c = plan(2, 3, Behaviour.HONEST, Behaviour.HONEST, Behaviour.LAZY);
    assertTrue(c.passes(0, Result.CORRECT, G, DUE, ANY));
    assertEquals(Map.of(1, true, 2, false), checkerVerdicts());
    assertEquals(1, counts.refereeRuns);
    assertEquals(G, counts.refereeGpuSeconds);
  }

  @Test
  void aVerifierThatCatchesJunkIsItsReporter() {
    Checks c = plan(1, 0, Behaviour.LAZY, Behaviour.HONEST);
    assertFalse(c.passes(0, Result.JUNK, G, DUE, ANY));
    assertEquals(1, c.reporter);
    assertEquals(Map.of(1, true), checkerVerdicts());
    assertEquals(0.1, energy(1), 1e-12);
  }

  @Test
  void aLazyVerifierApprovesJunkWithoutComputing() {
    Checks c = plan(1, 0, Behaviour.LAZY, Behaviour.LAZY);
    assertTrue(c.passes(0, Result.JUNK, G, DUE, ANY));
    assertEquals(-1, c.reporter);
    assertEquals(Map.of(1, true), checkerVerdicts());
    assertEquals(0, energy(1));
  }

  @Test
  void withNobodyToDrawTheRefereeChecksAndNoVerdictIsQueued() {
    Checks c = plan(1, 0, Behaviour.LAZY);
    assertFalse(c.passes(0, Result.JUNK, G, DUE, ANY));
    assertEquals(-1, c.reporter, "the protocol's referee, not an operator");
    assertEquals(Map.of(), checkerVerdicts());
    assertEquals(1, counts.refereeRuns);
    assertEquals(G, counts.refereeGpuSeconds);
  }

  @Test
  void withoutPlannedChecksEverythingPasses() {
    Checks c = plan(0, 0, Behaviour.LAZY, Behaviour.HONEST);
    assertTrue(c.passes(0, Result.JUNK, G, DUE, ANY));
    assertEquals(0, counts.checks);
    assertEquals(Map.of(), checkerVerdicts());
  }

  @Test
  void onlyOperatorsWhoseNodeCanRunTheJobAreDrawnAndTheyReExecuteIt() {
    Checks c = plan(1, 0, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST,
        Behaviour.HONEST);
    for (int i = 0; i < 20; i++) {
      assertTrue(c.passes(0, Result.CORRECT, G, DUE, v -> v == 3));
      assertEquals(1, c.reexecutions);
      assertEquals(3, c.reexecutor(0), "the only operator able to run it");
    }
    // nobody else can run it: the trusted referee checks, and no node re-executes
    assertTrue(c.passes(0, Result.CORRECT, G, DUE, v -> false));
    assertEquals(0, c.reexecutions);
  }

  @Test
  void aLazyCheckerApprovingUncheckedReExecutesNothing() {
    Checks c = plan(1, 0, Behaviour.HONEST, Behaviour.LAZY);
    assertTrue(c.passes(0, Result.CORRECT, G, DUE, ANY));
    assertEquals(0, c.reexecutions, "a rubber stamp spends no compute and occupies no node");
    assertEquals(0, energy(1), 1e-12);
  }
}
