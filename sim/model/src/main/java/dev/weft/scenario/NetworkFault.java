package dev.weft.scenario;

import java.util.List;
import java.util.Set;

/**
 * A network fault: once at a given time, or again and again with random gaps (an alternating
 * renewal process whose mean gap and mean duration are the MTBF and MTTR).
 */
@Doc("A network fault, once or recurring.")
public record NetworkFault(
    @Doc("link: a backbone link goes down; partition: the listed regions are cut off from the"
        + " rest; disconnect: the nodes of a class lose their access link.") String kind,
    @Doc("Name of the fault; its random stream is network/faults/NAME.") @Default(Default.NONE)
        String name,
    @Doc("link: the two regions it joins; partition: the regions on one side.")
        @Default(Default.NONE) List<String> regions,
    @Doc("disconnect: the node class whose nodes are cut off, each independently.")
        @Default(Default.NONE) String nodeClass,
    @Doc("Start of the first fault; without it, the first gap is drawn from interval.")
        @Unit(Quantity.DURATION) @Default(Default.NONE) @Range(min = 0) Double at,
    @Doc("How long each fault lasts.") @Unit(Quantity.DURATION) DistSpec duration,
    @Doc("Time from the end of one fault to the start of the next; repeats when given.")
        @Unit(Quantity.DURATION) @Default(Default.NONE) DistSpec interval) {

  /** The kinds, in the order the documentation lists them. */
  public static final List<String> KINDS = List.of("link", "partition", "disconnect");

  public NetworkFault {
    regions = regions == null ? List.of() : List.copyOf(regions);
    if (kind != null && !KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown network fault kind '" + kind + "'; known: "
          + String.join(", ", KINDS));
    }
    if ("link".equals(kind) && (regions.size() != 2 || regions.get(0).equals(regions.get(1)))) {
      throw new IllegalArgumentException("a link fault names the two regions of a backbone"
          + " link in 'regions'");
    }
    if ("partition".equals(kind) && (regions.isEmpty()
        || Set.copyOf(regions).size() != regions.size())) {
      throw new IllegalArgumentException("a partition lists the regions on one side in"
          + " 'regions', each once");
    }
    if ("disconnect".equals(kind) && nodeClass == null) {
      throw new IllegalArgumentException("a disconnect fault names its 'nodeClass'");
    }
    if (at == null && interval == null) {
      throw new IllegalArgumentException("a network fault needs 'at', 'interval' or both");
    }
  }
}
