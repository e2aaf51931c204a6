package dev.weft.network;

/** Round-trip time between regions, in seconds; symmetric. */
public interface LatencyModel {

  /** Number of regions. */
  int size();

  /** Round-trip time between {@code a} and {@code b}; {@code rtt(a, a)} is within a region. */
  double rtt(int a, int b);
}
