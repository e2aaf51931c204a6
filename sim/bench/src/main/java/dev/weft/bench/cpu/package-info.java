/**
 * CPU kernels in plain Java (blocked GEMM in fp32 and fp64, elementwise add, softmax, copy) and
 * their JMH benchmarks. {@code ./weft kernels profile-cpu} runs them from this module's
 * benchmark jar to write a measured kernel table for the machine it runs on, so the command-line
 * jar carries no JMH. Depends on the JDK and JMH only.
 */
package dev.weft.bench.cpu;
