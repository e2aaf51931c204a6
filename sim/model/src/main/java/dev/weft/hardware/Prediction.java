package dev.weft.hardware;

import java.util.Objects;

/**
 * A predicted kernel time with its provenance: the label says which step of the chain
 * answered, the source says from what (a table row, the grid points, the fitted figures).
 */
public record Prediction(double seconds, Label label, String source) {
  public Prediction {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(source, "source");
  }
}
