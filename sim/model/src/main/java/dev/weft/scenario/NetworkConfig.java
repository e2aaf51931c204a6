package dev.weft.scenario;

import java.util.List;

/** The network between nodes: regions and latency, backbone links, TCP realism and faults. */
@Doc("The network: region latencies, backbone links, TCP realism and faults.")
public record NetworkConfig(
    @Doc("File with the region ids and the round-trip times between them, such as"
        + " models/network/regions.yaml, relative to this file.") @FilePath String regions,
    @Doc("Latency between regions: matrix (the file's round-trip times) or vivaldi"
        + " (network coordinates fitted to them).") @Default("matrix") String latency,
    @Doc("TCP realism after SimGrid's LV08: latency x13.01, 97% of the bandwidth for payload,"
        + " ACKs loading the reverse path, rate capped by window / RTT.") @Default("false")
        boolean tcp,
    @Doc("TCP window for the rate cap (with tcp).") @Unit(Quantity.DATA_SIZE) @Default("4MiB")
        @Range(min = 0, minExclusive = true) double tcpWindow,
    @Doc("What a fault does to the transfers crossing it: fail, or stall until it heals.")
        @Default("fail") String faultPolicy,
    @Doc("Capacitated links between regions; without them only access links limit transfers.")
        @Default(Default.NONE) List<BackboneLink> backbone,
    @Doc("Backbone outages, partitions and disconnections.") @Default(Default.NONE)
        List<NetworkFault> faults,
    @Doc("Access link of the submitters' gateway in each region; absent: unlimited (the"
        + " submitters are many and their side never binds).") @Unit(Quantity.BANDWIDTH)
        @Default(Default.NONE) @Range(min = 0, minExclusive = true) Double gatewayLink) {

  public static final List<String> LATENCY_MODELS = List.of("matrix", "vivaldi");
  public static final List<String> FAULT_POLICIES = List.of("fail", "stall");

  public NetworkConfig {
    backbone = backbone == null ? List.of() : List.copyOf(backbone);
    faults = faults == null ? List.of() : List.copyOf(faults);
    if (latency != null && !LATENCY_MODELS.contains(latency)) {
      throw new IllegalArgumentException("unknown latency model '" + latency + "'; known: "
          + String.join(", ", LATENCY_MODELS));
    }
    if (faultPolicy != null && !FAULT_POLICIES.contains(faultPolicy)) {
      throw new IllegalArgumentException("unknown fault policy '" + faultPolicy + "'; known: "
          + String.join(", ", FAULT_POLICIES));
    }
  }
}
