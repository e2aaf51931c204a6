package dev.weft.hardware;

import java.util.Objects;

/**
 * One row of a kernel table: a shape, the median time of one call, how many timings the
 * median was taken over, a short provenance and a label.
 */
public record KernelRow(KernelQuery query, double seconds, long samples, String source,
    Label label) {

  public KernelRow {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(label, "label");
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("seconds must be positive and finite: " + seconds);
    }
    source = source == null ? "" : source;
  }

  public String hardware() {
    return query.hardware();
  }

  public Op op() {
    return query.op();
  }
}
