package dev.weft.ai;

import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Prediction;

/** One kernel of an expansion, called {@code repeat} times (e.g. once per layer). */
public record Step(String name, int repeat, KernelQuery query, Prediction prediction) {
  /** Time of all its calls. */
  public double seconds() {
    return repeat * prediction.seconds();
  }
}
