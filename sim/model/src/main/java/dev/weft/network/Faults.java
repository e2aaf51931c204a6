package dev.weft.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults of one {@link Network} and what they do to its transfers: links held down (a
 * backbone link, or a node's access link while it is disconnected), partitions between sets of
 * regions, the capacities links return to, and who hears of repairs. Under {@link
 * FaultPolicy#FAIL} the transfers crossing a fault fail; under {@link FaultPolicy#STALL} they
 * wait at rate zero (a link down) or off their links (a partition) until it heals. The
 * topology (nodes, links, routes) stays in {@link Network}.
 */
final class Faults {
  private final Network net;
  private final FlowNetwork flows;
  private final FaultPolicy policy;
  private final double[] nominal; // capacity of each link when up
  private final int[] downCount; // faults holding each link down
  private final int[] disconnects; // by node
  private final List<Network.Partition> partitions = new ArrayList<>();
  private final List<Runnable> repairListeners = new ArrayList<>();

  Faults(Network net, FlowNetwork flows, FaultPolicy policy, double[] nominal) {
    this.net = net;
    this.flows = flows;
    this.policy = policy;
    this.nominal = nominal;
    this.downCount = new int[nominal.length];
    this.disconnects = new int[net.nodeCount()];
  }

  FaultPolicy policy() {
    return policy;
  }

  /** At the end of a transfer's latency: faults it meets now fail or hold it. */
  void admit(Flow f) {
    for (Network.Partition p : partitions) {
      if (separates(p, f)) {
        if (policy == FaultPolicy.FAIL) {
          flows.fail(f, Flow.Failure.PARTITION);
          return;
        }
        flows.block(f);
        p.held.add(f);
      }
    }
    if (policy == FaultPolicy.FAIL && f.source != f.destination) {
      if (disconnects[f.source] > 0 || disconnects[f.destination] > 0) {
        flows.fail(f, Flow.Failure.NODE_DISCONNECTED);
        return;
      }
      for (int l : flows.pathOf(f)) {
        if (downCount[l] > 0) {
          flows.fail(f, Flow.Failure.LINK_DOWN);
          return;
        }
      }
    }
  }

  /** Both directions of a backbone link go down. */
  void backboneDown(int[] links) {
    for (int l : links) {
      linkDown(l, Flow.Failure.LINK_DOWN);
    }
    flows.settle();
  }

  void backboneUp(int[] links) {
    for (int l : links) {
      linkUp(l);
    }
    flows.settle();
    repaired();
  }

  /** The node loses its access link (both directions). */
  void disconnect(int node) {
    disconnects[node]++;
    if (net.uplink(node) >= 0) {
      linkDown(net.uplink(node), Flow.Failure.NODE_DISCONNECTED);
    }
    if (net.downlink(node) >= 0) {
      linkDown(net.downlink(node), Flow.Failure.NODE_DISCONNECTED);
    }
    flows.settle();
  }

  void reconnect(int node) {
    if (disconnects[node] == 0) {
      throw new IllegalStateException("node " + node + " is not disconnected");
    }
    disconnects[node]--;
    if (net.uplink(node) >= 0) {
      linkUp(net.uplink(node));
    }
    if (net.downlink(node) >= 0) {
      linkUp(net.downlink(node));
    }
    flows.settle();
    repaired();
  }

  boolean isConnected(int node) {
    return disconnects[node] == 0;
  }

  /** Whether a transfer between two distinct nodes could move now along {@code route}. */
  boolean reachable(int from, int to, int[] route) {
    if (disconnects[from] > 0 || disconnects[to] > 0) {
      return false;
    }
    for (int k = 1; k < route.length; k++) {
      int l = net.hopLink(route[k - 1], route[k]);
      if (l >= 0 && downCount[l] > 0) {
        return false;
      }
    }
    for (Network.Partition p : partitions) {
      if (p.crosses(route)) {
        return false;
      }
    }
    return true;
  }

  void onRepair(Runnable r) {
    repairListeners.add(r);
  }

  private void repaired() {
    for (Runnable r : repairListeners) {
      r.run();
    }
  }

  /** New capacities of a node's access link, bits per second (held back while it is down). */
  void setAccessCapacity(int node, double up, double down) {
    if (net.uplink(node) >= 0) {
      setNominal(net.uplink(node), up);
    }
    if (net.downlink(node) >= 0) {
      setNominal(net.downlink(node), down);
    }
    flows.settle();
  }

  private void setNominal(int l, double c) {
    if (!(c > 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("capacity must be finite and > 0, was " + c);
    }
    nominal[l] = c;
    if (downCount[l] == 0) {
      flows.changeCapacity(l, c);
    }
  }

  private void linkDown(int l, Flow.Failure cause) {
    if (downCount[l]++ > 0) {
      return;
    }
    if (policy == FaultPolicy.FAIL) {
      for (int s : flows.flowsOn(l)) {
        flows.fail(flows.flowAt(s), cause);
      }
    }
    flows.changeCapacity(l, 0);
  }

  private void linkUp(int l) {
    if (downCount[l] == 0) {
      throw new IllegalStateException("link " + l + " is not down");
    }
    if (--downCount[l] == 0) {
      flows.changeCapacity(l, nominal[l]);
    }
  }

  /** Starts partition {@code p}: the transfers it separates fail or are held. */
  void partition(Network.Partition p) {
    partitions.add(p);
    flows.forEachLive(f -> {
      if (f.status() != Flow.Status.LATENCY && separates(p, f)) {
        if (policy == FaultPolicy.FAIL) {
          flows.fail(f, Flow.Failure.PARTITION);
        } else {
          flows.block(f);
          p.held.add(f);
        }
      }
    });
    flows.settle();
  }

  /** Ends partition {@code p}; the transfers it held resume. */
  void heal(Network.Partition p) {
    partitions.remove(p);
    for (Flow f : p.held) {
      flows.unblock(f);
    }
    p.held.clear();
    flows.settle();
    repaired();
  }

  /** Whether the transfer's route crosses between the two sides of {@code p}. */
  private boolean separates(Network.Partition p, Flow f) {
    if (f.source < 0 || f.source == f.destination) {
      return false;
    }
    return p.crosses(net.graph().routeView(net.regionOf(f.source), net.regionOf(f.destination)));
  }
}
