package dev.weft.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small token economy for comparison tests: 20 operators (30% lazy) for 6 simulated hours,
 * a fraction of a second per run, so tests can afford dozens of replications.
 */
public final class CompareTestFiles {
  public static final String TINY = """
      name: tiny-econ
      seed: 3
      duration: 6h
      nodes:
        - {name: ops, count: 20, stake: 2000, behaviour: {honest: 0.7, lazy: 0.3}}
      workload:
        - name: jobs
          arrivals: {process: poisson, rate: 12/m}
          service: {dist: exponential, mean: 60s}
      scheduler: {policy: least-loaded}
      economics:
        fees: {model: fixed, pricePerGpuHour: 3.0, burn: 0}
        rewards: {split: {compute: 0.7, verifiers: 0.1, treasury: 0.2}}
        emission: {schedule: none}
        slashing:
          downtime: {penalty: 0}
          fraud: {penalty: 0.0005, correlationWindow: 0s, jail: 0s}
        verification: {policy: spot-check, spotCheckRate: 0.05}
        operators: {joinLeave: false, sellShare: 0}
        epoch: 30m
      outputs: {metricsInterval: 10m}
      """;

  private CompareTestFiles() {}

  public static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
