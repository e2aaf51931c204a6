/**
 * Profiling this machine's CPU: runs the JMH benchmarks of the bench module ({@code
 * dev.weft.bench.cpu.CpuBench}, from {@code sim/bench/target/benchmarks.jar}) in a child JVM
 * and turns JMH's JSON results into measured kernel-table rows. May depend on {@code hardware}
 * and Jackson; never on JMH, which stays out of the command-line jar.
 */
package dev.weft.kernels.cpu;
