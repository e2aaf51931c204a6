/**
 * CPU kernels in plain Java (blocked GEMM in fp32 and fp64, elementwise add, softmax, copy)
 * and their JMH benchmarks, run by {@code ./weft kernels profile-cpu} to write a measured
 * kernel table for the machine it runs on.
 */
package dev.weft.kernels.cpu;
