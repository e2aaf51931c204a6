package dev.weft.network;

/** Latency read straight from a region table's full matrix: O(regions²) memory, exact. */
public final class MatrixLatency implements LatencyModel {
  private final RegionTable table;

  public MatrixLatency(RegionTable table) {
    this.table = table;
  }

  @Override
  public int size() {
    return table.size();
  }

  @Override
  public double rtt(int a, int b) {
    return table.rtt(a, b);
  }
}
