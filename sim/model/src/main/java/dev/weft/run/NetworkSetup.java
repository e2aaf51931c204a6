package dev.weft.run;

import dev.weft.engine.Simulator;
import dev.weft.network.Fault;
import dev.weft.network.FaultPolicy;
import dev.weft.network.FaultSchedule;
import dev.weft.network.LatencyModel;
import dev.weft.network.MatrixLatency;
import dev.weft.network.Network;
import dev.weft.network.RegionTable;
import dev.weft.network.Sharing;
import dev.weft.network.TcpModel;
import dev.weft.network.VivaldiLatency;
import dev.weft.random.Distribution;
import dev.weft.random.RandomStreams;
import dev.weft.scenario.BackboneLink;
import dev.weft.scenario.NetworkConfig;
import dev.weft.scenario.NetworkFault;
import java.util.List;

/**
 * Turns a scenario's network section into a {@link Network}: first a builder carrying the
 * latency model, TCP, fault policy and backbone links (the run then adds its nodes), then, once
 * built, the scenario's faults on the clock. Region ids that the region file does not know are
 * reported as IllegalArgumentException naming the known ones.
 */
public final class NetworkSetup {
  /** Vivaldi fit: two dimensions plus height, as in the paper; passes over all regions. */
  static final int VIVALDI_DIMENSIONS = 2;
  static final int VIVALDI_ROUNDS = 2000;

  private NetworkSetup() {}

  /** A builder for the configured network over {@code regions}; add nodes, then build. */
  public static Network.Builder builder(Simulator sim, NetworkConfig config, RegionTable regions,
      RandomStreams streams) {
    Network.Builder b = Network.builder(sim, regions)
        .latency(latencyModel(config, regions, streams))
        .tcp(config.tcp() ? TcpModel.lv08(config.tcpWindow()) : TcpModel.NONE)
        .faultPolicy(config.faultPolicy().equals("stall") ? FaultPolicy.STALL : FaultPolicy.FAIL)
        .sharing(Sharing.of(config.sharing(), config.sharingResolveInterval()));
    for (BackboneLink l : config.backbone()) {
      b.backbone(l.from(), l.to(), l.capacity());
    }
    return b;
  }

  static LatencyModel latencyModel(NetworkConfig config, RegionTable regions,
      RandomStreams streams) {
    MatrixLatency matrix = new MatrixLatency(regions);
    if (config.latency().equals("vivaldi")) {
      return VivaldiLatency.fit(matrix, VIVALDI_DIMENSIONS, VIVALDI_ROUNDS,
          streams.stream("network/vivaldi"));
    }
    return matrix;
  }

  /**
   * Schedules every configured fault on {@code net}. A fault's draws come from streams named
   * {@code network/faults/NAME/duration} and {@code .../interval} (NAME defaults to kind-index),
   * with one substream per node for disconnections.
   */
  public static void scheduleFaults(Network net, NetworkConfig config, RandomStreams streams) {
    List<NetworkFault> faults = config.faults();
    for (int i = 0; i < faults.size(); i++) {
      NetworkFault spec = faults.get(i);
      String name = "network/faults/" + (spec.name() != null ? spec.name()
          : spec.kind() + "-" + i);
      switch (spec.kind()) {
        case "link" -> {
          int b = net.backboneIndex(spec.regions().get(0), spec.regions().get(1));
          if (b < 0) {
            throw new IllegalArgumentException("no backbone link between "
                + spec.regions().get(0) + " and " + spec.regions().get(1));
          }
          schedule(net, net.backboneFault(b), spec, streams, name, -1);
        }
        case "partition" -> {
          int[] side = spec.regions().stream().mapToInt(net.regions()::index).toArray();
          schedule(net, net.partitionFault(side), spec, streams, name, -1);
        }
        case "disconnect" -> {
          int[] nodes = net.nodesIn(spec.nodeClass());
          for (int node : nodes) {
            schedule(net, net.disconnectFault(node), spec, streams, name, node);
          }
        }
        default -> throw new IllegalArgumentException("unknown fault kind " + spec.kind());
      }
    }
  }

  private static void schedule(Network net, Fault fault, NetworkFault spec,
      RandomStreams streams, String name, int node) {
    Distribution.Sampler duration = sampler(spec.duration().toDistribution(), streams,
        name + "/duration", node);
    Simulator sim = net.simulator();
    if (spec.interval() == null) {
      FaultSchedule.once(sim, fault, spec.at(), Math.max(0, duration.sample()));
      return;
    }
    Distribution.Sampler interval = sampler(spec.interval().toDistribution(), streams,
        name + "/interval", node);
    FaultSchedule.recurring(sim, fault, spec.at() == null ? Double.NaN : spec.at(), interval,
        duration);
  }

  private static Distribution.Sampler sampler(Distribution d, RandomStreams streams,
      String name, int node) {
    return d.sampler(node < 0 ? streams.stream(name) : streams.stream(name, node));
  }
}
