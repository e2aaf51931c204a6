package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deterrence: when does laziness stop paying? A lazy operator skips every job, saving its
 * compute, and collects the fee G unless a spot check (probability p) catches it; then the fee
 * is refunded to the submitter and a fraction P of its stake S is slashed. With a fixed cost f
 * per job its expected profit per job is
 *
 * <pre>  π(p) = (1 − p)·G − p·P·S − f,   which changes sign at   p* = (G − f) / (G + P·S).</pre>
 *
 * The test drives the economy with a synthetic job stream for one lazy operator (one honest
 * operator serves as checker) at rates either side of p* and reads the sign of its ROI, the
 * summary's {@code roi.lazy}: profit over capital-time, annualized (METRICS.md).
 *
 * <p>Whether laziness pays at all is not whether it beats honesty: an honest operator earns
 * G − c − f, where c is the energy of the compute a lazy one skips, so laziness is ahead by
 * c − p·(G + P·S), and honesty wins from p† = c / (G + P·S) up, a much lower rate when the
 * compute is cheap beside the fee.
 */
class DeterrenceTest {
  private static final double G = 2.0;   // fee per job: 1 GPU-hour at 2 fiat, token price 1
  private static final double P = 0.1;   // fraud penalty
  private static final double S = 100;   // stake, topped up after each slash
  private static final double F = 0.5;   // fixed cost per job (one job an hour)
  private static final int JOBS = 4000;
  /** Capital of the lazy operator: hardware (1,000 days of its fixed cost) plus its stake. */
  private static final double CAPITAL = 24 * F * 1000 + S;
  private static final double HOURS_PER_YEAR = 8760;

  static double predictedThreshold() {
    return (G - F) / (G + P * S);
  }

  static double predictedRoi(double p) {
    return ((1 - p) * G - p * P * S - F) * HOURS_PER_YEAR / CAPITAL;
  }

  /** Fee 2 per GPU-hour, all to compute; fraud penalty 10%, no jail; spot checks at {@code p}. */
  private static EconomicsConfig spotChecked(double p) {
    return Configs.economics("emission.schedule=none",
        "fees={model:fixed,pricePerGpuHour:2,burn:0,tip:0}",
        "rewards.split={compute:1,verifiers:0,treasury:0}",
        "slashing.fraud={penalty:0.1,correlationWindow:0,jail:0}",
        "slashing.downtime.penalty=0", "verification={policy:spot-check,spotCheckRate:" + p + "}",
        "behaviours.lazySkipRate=1", "operators={joinLeave:false,sellShare:0}", "epoch=1h");
  }

  private static double lazyRoi(double p, long seed) {
    EconomicsConfig c = spotChecked(p);
    List<OperatorSpec> ops = List.of(
        new OperatorSpec("gpu", Behaviour.LAZY, S, 1, Configs.fixedCostPerDay(24 * F)),
        new OperatorSpec("gpu", Behaviour.HONEST, 1000, 1, Configs.fixedCostPerDay(1)));
    Economy e = Economy.create(c, ops, new RandomStreams(seed));
    for (int h = 0; h < JOBS; h++) {
      e.onJobCompleted(0, 3600, 0, h * 3600 + 1800);
      e.tick((h + 1) * 3600);
    }
    EconomicsSummary s = e.close(JOBS * 3600.0);
    assertEquals(JOBS, s.jobs().junk());
    return s.roi().get("lazy");
  }

  @Test
  void lazinessStopsPayingWhereTheExpectedSlashOutweighsTheFee() {
    double pStar = predictedThreshold();
    assertEquals(0.125, pStar, 1e-12);
    double[] factors = {0.5, 0.8, 1.25, 2.0};
    double[] roi = new double[factors.length];
    for (int i = 0; i < factors.length; i++) {
      double p = pStar * factors[i];
      roi[i] = lazyRoi(p, 1);
      // profit per job is a Bernoulli mixture: sd (G + P*S) * sqrt(p (1 - p) / N), scaled
      double sd = (G + P * S) * Math.sqrt(p * (1 - p) / JOBS) * HOURS_PER_YEAR / CAPITAL;
      assertEquals(predictedRoi(p), roi[i], 5 * sd, "p = " + p);
    }
    assertTrue(roi[0] > 0 && roi[1] > 0, "below p* laziness pays");
    assertTrue(roi[2] < 0 && roi[3] < 0, "above p* it does not");
    // the measured crossing, interpolated between 0.8 p* and 1.25 p*, lies near p*
    double p1 = 0.8 * pStar;
    double p2 = 1.25 * pStar;
    double crossing = p1 + (p2 - p1) * roi[1] / (roi[1] - roi[2]);
    assertEquals(pStar, crossing, 0.15 * pStar);
  }

  @Test
  void anHonestOperatorEarnsTheFeeMinusItsCostAtAnyCheckRate() {
    EconomicsConfig c = Configs.economics("emission.schedule=none",
        "fees={model:fixed,pricePerGpuHour:2,burn:0,tip:0}",
        "rewards.split={compute:1,verifiers:0,treasury:0}",
        "verification={policy:spot-check,spotCheckRate:0.5}",
        "operators={joinLeave:false,sellShare:0}", "epoch=1h");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("gpu", Behaviour.HONEST, S, 1, Configs.fixedCostPerDay(24 * F)),
        new OperatorSpec("gpu", Behaviour.HONEST, 1000, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(3));
    for (int h = 0; h < 500; h++) {
      e.onJobCompleted(0, 3600, 0, h * 3600 + 1800);
      e.tick((h + 1) * 3600);
    }
    EconomicsSummary s = e.close(500 * 3600.0);
    // operator 1 (the checker) also earns nothing and pays its cost; operator 0 earns G - f
    assertEquals(0, s.slashed());
    assertEquals(0, s.jobs().rejected());
    double op0Profit = 500 * (G - F);
    double op1Cost = 500 / 24.0;
    // capital-time: (12,100 + 2,000) for 500 hours; per year
    assertEquals((op0Profit - op1Cost) / (CAPITAL + 2000) / 500 * HOURS_PER_YEAR,
        s.roi().get("honest"), 1e-9);
  }

  /**
   * Profit in fiat of operator 0 over {@code jobs} GPU-hour jobs at check rate {@code p}, when
   * it is {@code b}: fee G = 2, compute energy c = 0.5 per job (1 kW at 0.5 per kWh), fraud
   * penalty P·S = 0.1 × 100, no fixed cost; operator 1 checks.
   */
  private static double profit(Behaviour b, double p, int jobs) {
    EconomicsConfig c = spotChecked(p);
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("gpu", b, S, 1, new OperatorCosts(0, 86400, 0, 1000, 0.5, 0)),
        new OperatorSpec("gpu", Behaviour.HONEST, 1000, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(7));
    for (int h = 0; h < jobs; h++) {
      e.onJobCompleted(0, 3600, 0, h * 3600 + 1800);
      e.tick((h + 1) * 3600);
    }
    e.close(jobs * 3600.0);
    Operators ops = e.operators();
    return ops.revenueFiat[0] - ops.costFiat[0] - ops.slashFiat[0];
  }

  @Test
  void lazinessBeatsHonestyOnlyWhileTheExpectedLossIsBelowTheComputeSaved() {
    // per job honesty earns G - c; laziness (1 - p) G - p P S: laziness is ahead by
    // c - p (G + P S), which changes sign at p = c / (G + P S) = 0.5 / 12
    double c = 0.5;
    double pDagger = c / (G + P * S);
    int jobs = 4000;
    for (double factor : new double[] {0.5, 2.0}) {
      double p = pDagger * factor;
      double lead = (profit(Behaviour.LAZY, p, jobs) - profit(Behaviour.HONEST, p, jobs)) / jobs;
      // the lazy profit per job is a Bernoulli mixture of sd (G + P S) sqrt(p (1 - p) / N)
      double sd = (G + P * S) * Math.sqrt(p * (1 - p) / jobs);
      assertEquals(c - p * (G + P * S), lead, 5 * sd, "p = " + p);
      assertTrue(factor < 1 ? lead > 0 : lead < 0, "p = " + p + ": lead " + lead);
    }
    assertEquals(0.5, profit(Behaviour.HONEST, 0.3, 10) / 10 - 1.5 + 0.5, 1e-9,
        "an honest operator earns G - c = 1.5 per job at any rate");
  }

  @Test
  void profitPerOperatorIsTheMeanOverTheBehavioursOperators() {
    // two honest operators without fixed costs; one does ten GPU-hour jobs at a fee of 2 and
    // an energy cost of 0.5 each and takes the whole pool (20), the other does nothing
    EconomicsConfig c = Configs.economics("emission.schedule=none", "verification.policy=none",
        "fees={model:fixed,pricePerGpuHour:2,burn:0,tip:0}",
        "rewards.split={compute:1,verifiers:0,treasury:0}",
        "operators={joinLeave:false,sellShare:0}", "epoch=1h");
    OperatorCosts energyOnly = new OperatorCosts(0, 86400, 0, 1000, 0.5, 0);
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("gpu", Behaviour.HONEST, 10, 1, energyOnly),
        new OperatorSpec("gpu", Behaviour.HONEST, 10, 1, energyOnly)), new RandomStreams(1));
    for (int h = 0; h < 10; h++) {
      e.onJobCompleted(0, 3600, 0, h * 3600 + 1800);
      e.tick((h + 1) * 3600);
    }
    EconomicsSummary s = e.close(10 * 3600);
    assertEquals((10 * (2 - 0.5) + 0) / 2, s.profitPerOperator().get("honest"), 1e-9);
    assertEquals(0, s.profitPerOperator().get("lazy"), "no lazy operator");
  }
}
