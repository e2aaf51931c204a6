package dev.weft.ai;

import dev.weft.hardware.Label;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A duration and how much of it each provenance label contributed. */
public record Timing(double seconds, Map<Label, Double> byLabel) {
  public Timing {
    byLabel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLabel));
  }

  /** The total and label shares of {@code steps}. */
  public static Timing of(List<Step> steps) {
    EnumMap<Label, Double> by = new EnumMap<>(Label.class);
    double total = 0;
    for (Step s : steps) {
      total += s.seconds();
      by.merge(s.prediction().label(), s.seconds(), Double::sum);
    }
    return new Timing(total, by);
  }

  /** Share of the time labelled {@code l}, 0..1. */
  public double share(Label l) {
    return seconds > 0 ? byLabel.getOrDefault(l, 0.0) / seconds : 0;
  }
}
