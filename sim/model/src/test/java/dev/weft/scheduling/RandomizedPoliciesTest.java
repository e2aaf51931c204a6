package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The policies that draw: {@code random}, {@code power-of-two} and {@code stake-weighted}. Exact
 * draws are replayed with a twin of the policy's generator (same source, same seed); frequencies
 * are checked against the stated probabilities by {@link Frequencies} (chi-square at 1e-6).
 */
class RandomizedPoliciesTest {
  private static final Job JOB = new Job(0, 0, 0, 1, true);
  private static final int DRAWS = 100_000;

  @Test
  void randomIsUniformOverOnlineNodes() {
    TestCluster c = TestCluster.mixed();
    c.setOnline(3, false);
    Scheduler s = c.attach(Schedulers.create("random"), 11);
    // four nodes online, whatever their slots and load: 1/4 each, none to node 3
    c.queue(0, 5);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {1, 1, 1, 0, 1},
        "random");
    c.setOnline(3, true);
    c.setOnline(0, false);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {0, 1, 1, 1, 1},
        "random after churn");
  }

  @Test
  void randomDrawsTheOnlineListPositionItsGeneratorGives() {
    TestCluster c = TestCluster.uniform(6);
    c.setOnline(2, false); // online list, in local order: 0, 1, 3, 4, 5
    Scheduler s = c.attach(Schedulers.create("random"), 5);
    UniformRandomProvider twin = RandomSource.XO_SHI_RO_256_PP.create(5L);
    int[] onlineIds = {0, 1, 3, 4, 5};
    for (int k = 0; k < 500; k++) {
      assertEquals(onlineIds[twin.nextInt(5)], s.place(JOB).id(), "job " + k);
    }
  }

  @Test
  void chiSquareBoundCatchesAFivePercentBias() {
    // the bound is not vacuous: 4 equal cells of 20,000 with one at +5% and one at -5% give
    // X^2 = 2 * 1000^2 / 20000 = 100, far above the df-3 quantile at 1e-6 (about 30.7)
    assertThrows(AssertionError.class, () -> Frequencies.assertFits(
        new long[] {21_000, 19_000, 20_000, 20_000}, new double[] {1, 1, 1, 1}, "biased"));
    Frequencies.assertFits(new long[] {20_100, 19_900, 20_000, 20_000},
        new double[] {1, 1, 1, 1}, "X^2 = 2"); // well inside
  }

  /** Loads by local index, all distinct, so "the less loaded of two" is never a tie. */
  private static final int[] LOADS = {3, 0, 4, 1, 2};

  private static TestCluster loaded() {
    TestCluster c = TestCluster.uniform(LOADS.length);
    for (int i = 0; i < LOADS.length; i++) {
      c.node(i).queued(LOADS[i]);
    }
    return c;
  }

  @Test
  void powerOfTwoReturnsTheLessLoadedOfItsTwoDraws() {
    TestCluster c = loaded();
    Scheduler s = c.attach(Schedulers.create("power-of-two"), 99);
    UniformRandomProvider twin = RandomSource.XO_SHI_RO_256_PP.create(99L);
    for (int k = 0; k < 1000; k++) {
      int a = twin.nextInt(LOADS.length);
      int b = twin.nextInt(LOADS.length);
      int expected = LOADS[b] < LOADS[a] ? b : a;
      assertEquals(c.node(expected).id(), TestCluster.id(s.place(JOB)),
          "job " + k + ", draws " + a + ", " + b);
    }
  }

  @Test
  void powerOfTwoFrequenciesFollowTheClosedForm() {
    // with n nodes of distinct loads, the node of rank r (0 = least loaded) is taken when both
    // draws fall among the n - r nodes at rank >= r and not both among the n - r - 1 above it:
    // P(r) = ((n - r)^2 - (n - r - 1)^2) / n^2 = (2(n - r) - 1) / n^2, for n = 5: 9, 7, 5, 3, 1
    // over 25. By local index (loads 3, 0, 4, 1, 2 are ranks 3, 0, 4, 1, 2): 3, 9, 1, 7, 5.
    TestCluster c = loaded();
    Scheduler s = c.attach(Schedulers.create("power-of-two"), 4);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {3, 9, 1, 7, 5},
        "power-of-two");
  }

  @Test
  void powerOfTwoDrawsOnlyOnlineNodes() {
    TestCluster c = loaded();
    c.setOnline(1, false); // the least loaded leaves; four remain, ranks by load 1, 2, 3, 4:
    // local 3 (load 1): 7/16, local 4 (2): 5/16, local 0 (3): 3/16, local 2 (4): 1/16
    Scheduler s = c.attach(Schedulers.create("power-of-two"), 8);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {3, 0, 1, 7, 5},
        "power-of-two, node 1 offline");
  }

  @Test
  void stakeWeightedFollowsWeightsSkipsZeroAndOfflineAndFollowsChanges() {
    TestCluster c = TestCluster.uniform(5).weights(1, 2, 3, 0, 4);
    c.setOnline(4, false); // the heaviest, but offline
    Scheduler s = c.attach(Schedulers.create("stake-weighted"), 13);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {1, 2, 3, 0, 0},
        "stake-weighted");
    c.weights(3, 0, 1, 2, 4);
    s.weightsChanged(); // an epoch ended: node 1 lost its stake, node 3 gained some
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {3, 0, 1, 2, 0},
        "after weightsChanged");
    c.setOnline(4, true);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {3, 0, 1, 2, 4},
        "node 4 back");
    c.setOnline(0, false);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {0, 0, 1, 2, 4},
        "node 0 gone");
  }

  @Test
  void stakeWeightedIgnoresLoad() {
    TestCluster c = TestCluster.uniform(3).weights(1, 1, 2);
    Scheduler s = c.attach(Schedulers.create("stake-weighted"), 19);
    c.queue(2, 50);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {1, 1, 2},
        "stake-weighted under load");
  }

  @Test
  void stakeWeightedWithoutStakeFallsBackToUniformOverOnline() {
    TestCluster c = TestCluster.uniform(4).weights(0, 0, 0, 0);
    c.setOnline(1, false);
    Scheduler s = c.attach(Schedulers.create("stake-weighted"), 23);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {1, 0, 1, 1},
        "no stake anywhere");
  }

  @Test
  void stakeWeightedWithOneStakedNodeAlwaysPicksIt() {
    // weights at both ends of the Fenwick range are zero: a draw must never land on them
    TestCluster c = TestCluster.uniform(8).weights(0, 0, 0, 0, 0, 5, 0, 0);
    Scheduler s = c.attach(Schedulers.create("stake-weighted"), 29);
    for (int k = 0; k < 10_000; k++) {
      assertEquals(c.node(5).id(), TestCluster.id(s.place(JOB)));
    }
  }

  @Test
  void stakeWeightedNegativeWeightCountsAsZero() {
    TestCluster c = TestCluster.uniform(3).weights(-5, 1, 1);
    Scheduler s = c.attach(Schedulers.create("stake-weighted"), 31);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {0, 1, 1},
        "negative weight");
  }

  @Test
  void stakeWeightedOnANonPowerOfTwoClusterReachesTheLastNode() {
    // 7 nodes: the Fenwick search starts at the highest power of two below 7 and must still
    // reach index 6; weights 1..7 over 28
    TestCluster c = TestCluster.uniform(7).weights(1, 2, 3, 4, 5, 6, 7);
    Scheduler s = c.attach(Schedulers.create("stake-weighted"), 37);
    Frequencies.assertFits(Frequencies.count(s, c, DRAWS), new double[] {1, 2, 3, 4, 5, 6, 7},
        "weights 1..7");
  }
}
