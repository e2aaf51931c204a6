package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft capacity}: bisection, SLO input errors, and the knee of an M/M/c queue. */
class CapacityCmdTest {
  @TempDir
  Path dir;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void bisectionBracketsAThresholdWithinItsLastStep() {
    double knee = 3.37;
    double[] b = CapacityCmd.search(1, 6, r -> r < knee);
    // 1, 2 met; 4 missed: bracket [2, 4], six halvings: width 1/32
    assertEquals(4 - 2, (b[1] - b[0]) * 64, 1e-12);
    assertTrue(b[0] < knee && knee <= b[1], b[0] + " " + b[1]);
    b = CapacityCmd.search(100, 3, r -> r < knee);  // halving down from a missed rate
    assertTrue(b[0] < knee && knee <= b[1], b[0] + " " + b[1]);
  }

  /** Mean wait of M/M/c (Erlang C): C(c, a) / (c mu - lambda), a = lambda / mu. */
  static double erlangCMeanWait(int c, double lambda, double mu) {
    double a = lambda / mu;
    double term = 1;
    double sum = 0;
    for (int k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    double last = term * c / (c - a);  // a^c / c! * c / (c - a)
    return last / (sum + last) / (c * mu - lambda);
  }

  /**
   * Four single-slot nodes behind one first-come-first-served queue (fifo-central: M/M/4),
   * exponential service of mean 1 s, Poisson arrivals, SLO mean wait
   * below 1 s: the knee is where Erlang C's mean wait reaches 1 s (closed form, solved here by
   * bisection on the formula). The capacity search over simulated runs lands within one
   * bisection step of it.
   */
  @Test
  void findsTheErlangCKneeWithinOneStep() throws Exception {
    double lo = 0.01;
    double hi = 3.999;
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      if (erlangCMeanWait(4, mid, 1) < 1) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double knee = lo;
    Path f = dir.resolve("mmc.yaml");
    Files.writeString(f, """
        name: mmc
        seed: 11
        duration: 100000s
        warmup: 2000s
        nodes:
          - {name: server, count: 4, slots: 1}
        workload:
          - name: jobs
            arrivals: {process: poisson, rate: 2/s}
            service: {dist: exponential, mean: 1s}
        scheduler: {policy: fifo-central}
        """);
    String[] r = run("capacity", f.toString(), "--slo", "wait.mean<1s", "--steps", "5");
    assertEquals("0", r[0], r[2] + r[1]);
    Matcher m = Pattern.compile("capacity: ([0-9.]+)/s .* point ([0-9.]+)/s").matcher(r[1]);
    assertTrue(m.find(), r[1]);
    double found = Double.parseDouble(m.group(1));
    double step = Double.parseDouble(m.group(2)) - found;
    assertEquals(2.0 / 32, step, 1e-9, "bracket [2, 4] halved five times");
    assertTrue(Math.abs(found - knee) <= step, "found " + found + ", Erlang C knee " + knee
        + "\n" + r[1]);
  }

  @Test
  void badSloIsAnInputErrorWithItsColumn() {
    String[] r = run("capacity", "x.yaml", "--slo", "ttft.p99<2s,tbt.p95<1s");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--slo:1:13: tbt has no statistic 'p95'"), r[2]);
    r = run("capacity", "x.yaml", "--slo", "ttft<2s");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--slo:1:1: 'ttft<2s' must look like"), r[2]);
  }
}
