package dev.weft.bench;

import dev.weft.network.Sharing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Amortized cost of one flow start or finish with 10,000 concurrent flows over about 1,000 links
 * (target: at most 50 µs). One invocation runs the simulation until 100 transfers have completed;
 * each completion starts a replacement, so an invocation is 200 starts and finishes. {@code
 * sharing}: exact max-min, or local re-solves with an exact re-anchor every {@link
 * #REANCHOR_INTERVAL} simulated seconds (the scenario default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlowNetworkBenchmark {

  static final int BATCH = 100;
  static final double REANCHOR_INTERVAL = 1.0;

  @Param({"ASYMMETRIC", "SYMMETRIC", "BACKBONE", "SPARSE"})
  FlowWorkload.Topology topology;

  @Param({"exact", "local"})
  String sharing;

  FlowWorkload workload;

  @Setup
  public void setUp() {
    workload = new FlowWorkload(topology, 10_000, 42, Sharing.of(sharing, REANCHOR_INTERVAL));
  }

  @Benchmark
  @OperationsPerInvocation(2 * BATCH)
  public long startOrFinish() {
    workload.advance(BATCH);
    return workload.events();
  }
}
