package dev.weft.compare;

import dev.weft.run.Resources;
import dev.weft.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;

/**
 * A governance proposal read and checked against its baseline: the overlay's text, the
 * baseline and proposed scenarios, and, when the change activates mid-run, the upgrades the
 * proposed side applies (several make a ramp). {@code scenario} is what runs on the proposed
 * side: the baseline itself when the change activates mid-run (the upgrades then carry it),
 * else the baseline with the changes applied.
 */
public record Proposal(String title, Path file, String rationale, List<Change> changes,
    Activation activation, List<Objective> objectives, Scenario scenario, Resources resources,
    Scenario changed, List<Upgrade> upgrades) {

  /** One changed path, its value before and after, as YAML text. */
  public record Change(String path, String before, String after) {}

  /** When the change takes effect: at {@code at} seconds, reached linearly over {@code ramp}. */
  public record Activation(double at, double ramp) {}

  /** A step of a mid-run change: from {@code at} on, the economy runs under {@code scenario}. */
  public record Upgrade(double at, Scenario scenario) {}

  /** The file's name without its extension, for folders and tables. */
  public String id() {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
