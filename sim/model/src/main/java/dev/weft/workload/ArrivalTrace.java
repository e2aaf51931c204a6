package dev.weft.workload;

/**
 * A request trace ready to replay: arrival offsets in seconds from the first request (already
 * divided by the speedup), with prompt and output tokens. Arrays are not copied: treat as
 * read-only.
 */
public record ArrivalTrace(String source, double[] offsets, int[] promptTokens,
    int[] outputTokens, double period) {
  public ArrivalTrace {
    if (offsets.length == 0 || offsets.length != promptTokens.length
        || offsets.length != outputTokens.length) {
      throw new IllegalArgumentException("a trace needs equally long, non-empty columns");
    }
  }

  public int size() {
    return offsets.length;
  }
}
