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
    @Doc("Access link of the submitters' gateway in each region, carrying job inputs and"
        + " results; absent: unlimited (the submitters are many and their side never binds).")
        @Unit(Quantity.BANDWIDTH) @Default(Default.NONE) @Range(min = 0, minExclusive = true)
        Double gatewayLink,
    @Doc("How bandwidth is re-shared when a transfer starts or ends or a link changes: exact"
        + " (max-min fair at every instant; on dense traffic a change can re-solve most"
        + " transfers) or local (only the transfers crossing the changed links are re-solved,"
        + " the others keep their rates; feasible, but not max-min fair until the next"
        + " re-anchor).") @Default("exact") String sharing,
    @Doc("With sharing: local, how long a local allocation may stand before an exact solve of"
        + " all transfers replaces it, counted from the first local re-solve after the last"
        + " exact one. Shorter: closer to exact, more full solves.") @Unit(Quantity.DURATION)
        @Default("1s") @Range(min = 0, minExclusive = true) double sharingResolveInterval,
    @Doc("Capacity of the model registry nodes download model weights from on a cold start:"
        + " a CDN with an edge in every region and this one transfer rate, shared max-min by"
        + " every concurrent download (each also capped by its node's downlink). Default"
        + " 150 Gbps, Amazon CloudFront's default quota on the data transfer rate of one"
        + " distribution.") @Unit(Quantity.BANDWIDTH) @Default("150Gbps")
        @Range(min = 0, minExclusive = true) double registryLink) {

  public static final List<String> LATENCY_MODELS = List.of("matrix", "vivaldi");
  public static final List<String> FAULT_POLICIES = List.of("fail", "stall");
  public static final List<String> SHARING_MODES = List.of("exact", "local");
  /** Default re-anchor interval, seconds. */
  public static final double DEFAULT_RESOLVE_INTERVAL = 1.0;
  /** Default registry capacity, bits per second: 150 Gbps (see {@code registryLink}). */
  public static final double DEFAULT_REGISTRY_LINK = 150e9;

  /** Exact sharing, as before the sharing keys existed. */
  public NetworkConfig(String regions, String latency, boolean tcp, double tcpWindow,
      String faultPolicy, List<BackboneLink> backbone, List<NetworkFault> faults,
      Double gatewayLink) {
    this(regions, latency, tcp, tcpWindow, faultPolicy, backbone, faults, gatewayLink, "exact",
        DEFAULT_RESOLVE_INTERVAL, DEFAULT_REGISTRY_LINK);
  }

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
    sharing = sharing == null ? "exact" : sharing;
    if (!SHARING_MODES.contains(sharing)) {
      throw new IllegalArgumentException("unknown sharing mode '" + sharing + "'; known: "
          + String.join(", ", SHARING_MODES));
    }
    if (!(registryLink > 0) || Double.isInfinite(registryLink)) {
      throw new IllegalArgumentException("registryLink must be finite and > 0, was "
          + registryLink);
    }
    if (!(sharingResolveInterval > 0) || Double.isInfinite(sharingResolveInterval)) {
      throw new IllegalArgumentException("sharingResolveInterval must be finite and > 0, was "
          + sharingResolveInterval);
    }
  }
}
