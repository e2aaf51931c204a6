package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.scenario.DistSpec;
import org.junit.jupiter.api.Test;

/**
 * fifo-central with abstract nodes and synthetic jobs is a textbook queue; its mean waits must
 * match the closed forms within 3%.
 */
class QueueingTheoryTest {

  private static double meanWait(String policy, int c, double lambda, DistSpec service,
      double duration) {
    RunResult r = new World(Scenarios.queue(policy, c, lambda, service, duration, duration / 20,
        11)).run();
    return r.jobs().waitTime().mean();
  }

  /** Erlang C probability of waiting for c servers at offered load a = lambda / mu. */
  static double erlangC(int c, double a) {
    double term = 1;
    double sum = 1; // k = 0
    for (int k = 1; k < c; k++) {
      term *= a / k;
      sum += term;
    }
    double last = term * a / c; // a^c / c!
    double rho = a / c;
    double top = last / (1 - rho);
    return top / (sum + top);
  }

  @Test
  void mm1MeanWait() {
    double lambda = 0.5;
    double mu = 1.0;
    double theory = lambda / (mu * (mu - lambda)); // rho / (mu - lambda)
    double sim = meanWait("fifo-central", 1, lambda, DistSpec.exponentialMean(1 / mu), 3e6);
    assertEquals(theory, sim, 0.03 * theory, "M/M/1 Wq");
  }

  @Test
  void mmcMeanWaitMatchesErlangC() {
    int c = 4;
    double lambda = 2.8;
    double mu = 1.0;
    double theory = erlangC(c, lambda / mu) / (c * mu - lambda);
    double sim = meanWait("fifo-central", c, lambda, DistSpec.exponentialMean(1 / mu), 1e6);
    assertEquals(theory, sim, 0.03 * theory, "M/M/4 Wq");
  }

  @Test
  void md1MeanWaitMatchesPollaczekKhinchine() {
    double lambda = 0.6;
    double d = 1.0;
    double rho = lambda * d;
    double theory = rho * d / (2 * (1 - rho));
    double sim = meanWait("fifo-central", 1, lambda, DistSpec.constant(d), 2e6);
    assertEquals(theory, sim, 0.03 * theory, "M/D/1 Wq");
  }

  @Test
  void erlangCKnownValue() {
    // c = 2, a = 1: C = 1/3 (textbook)
    assertEquals(1.0 / 3, erlangC(2, 1.0), 1e-12);
  }

  @Test
  void littlesLawHoldsUnderLeastLoaded() {
    // L = lambda W for the whole system, with per-node queues
    double lambda = 3.0;
    RunResult r = new World(Scenarios.queue("least-loaded", 4, lambda,
        DistSpec.exponentialMean(1.0), 2e5, 1e4, 3)).run();
    double w = r.jobs().latency().mean();
    double busy = r.nodes().utilization() * 4; // mean jobs in service
    // jobs in service = lambda * E[S] = 3 (Little on the servers alone)
    assertEquals(lambda * 1.0, busy, 0.03 * lambda);
    // least-loaded (join the shortest queue) waits less than random placement
    RunResult random = new World(Scenarios.queue("random", 4, lambda,
        DistSpec.exponentialMean(1.0), 2e5, 1e4, 3)).run();
    org.junit.jupiter.api.Assertions.assertTrue(w < random.jobs().latency().mean());
  }
}
