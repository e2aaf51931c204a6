package dev.weft.scenario;

import java.util.List;

/**
 * A fault injected at a fixed time: a region or a node class offline for a period, or a share
 * of the operators slashed at once. Churn, network faults and price traces cover random
 * failures, partitions and price crashes; these are the correlated events they cannot express.
 */
@Doc("A fault injected at a fixed time.")
public record FaultEvent(
    @Doc("region: every node in 'regions' goes offline (needs a network); class: every node of"
        + " 'nodeClass' goes offline; slash: a 'share' of the operators is slashed as for fraud"
        + " (needs economics).") FaultKind kind,
    @Doc("Name, for the fault's random stream (faults/NAME) and the report.")
        @Default(Default.NONE) String name,
    @Doc("When the fault begins.") @Unit(Quantity.DURATION) @Range(min = 0) double at,
    @Doc("region, class: how long the nodes stay offline.") @Unit(Quantity.DURATION)
        @Default("0") @Range(min = 0) double duration,
    @Doc("region: the regions that go down.") @Default(Default.NONE) List<String> regions,
    @Doc("class: the class that fails; slash: only its operators (default: all).")
        @Default(Default.NONE) String nodeClass,
    @Doc("slash: share of the operators slashed, drawn at random without replacement.")
        @Default("1") @Range(min = 0, max = 1) double share) {

  public FaultEvent {
    regions = regions == null ? List.of() : List.copyOf(regions);
    if (kind == FaultKind.REGION && regions.isEmpty()) {
      throw new IllegalArgumentException("a region fault lists its 'regions'");
    }
    if (kind == FaultKind.CLASS && nodeClass == null) {
      throw new IllegalArgumentException("a class fault names its 'nodeClass'");
    }
    if (kind != FaultKind.SLASH && !(duration > 0)) {
      throw new IllegalArgumentException("a " + kind.id() + " fault needs a 'duration' > 0");
    }
  }

  /** The name of the fault's stream and report line: its name, else kind and index. */
  public String label(int index) {
    return name != null ? name : kind.id() + "-" + (index + 1);
  }
}
