package dev.weft.run;

import dev.weft.engine.Simulator;
import dev.weft.node.Node;
import dev.weft.scenario.FaultEvent;
import dev.weft.scenario.FaultKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The scenario's {@code faults:}, put on the clock: a region or a node class offline from
 * {@code at} for {@code duration} (through {@link Churn#hold}, so placement, running work and
 * the economy see an outage as they see churn), or a share of the operators slashed as for
 * fraud at {@code at} (through the economy). Which operators a slash hits is drawn from the
 * fault's own stream, {@code faults/NAME}, so adding a fault changes no other draw.
 */
final class InjectedFaults {
  private final RunContext ctx;
  private final Churn churn;
  private final RunEconomy economy;
  private final Transport transport;

  InjectedFaults(RunContext ctx, Churn churn, RunEconomy economy, Transport transport) {
    this.ctx = ctx;
    this.churn = churn;
    this.economy = economy;
    this.transport = transport;
  }

  /** Schedules every fault; those at or after the end of the run never begin. */
  void schedule() {
    Simulator sim = ctx.sim;
    List<FaultEvent> faults = ctx.scenario.faults();
    for (int i = 0; i < faults.size(); i++) {
      FaultEvent f = faults.get(i);
      if (f.kind() == FaultKind.SLASH) {
        List<Node> hit = drawn(f, ctx.streams.stream("faults/" + f.label(i)));
        sim.scheduleAt(f.at(), () -> {
          for (Node n : hit) {
            economy.onInjectedFraud(n.id(), sim.now());
          }
        });
        continue;
      }
      List<Node> hit = affected(f);
      sim.scheduleAt(f.at(), () -> hit.forEach(n -> churn.hold(n, true)));
      sim.scheduleAt(f.at() + f.duration(), () -> hit.forEach(n -> churn.hold(n, false)));
    }
  }

  /** The nodes a region or class fault takes down. */
  List<Node> affected(FaultEvent f) {
    List<Node> out = new ArrayList<>();
    List<String> regionIds = f.kind() == FaultKind.REGION
        ? ctx.resources.regions().ids() : List.of();
    for (Node n : ctx.nodes) {
      boolean hit = switch (f.kind()) {
        case REGION -> f.regions().contains(regionIds.get(
            transport.geography().regionOf(n)));
        case CLASS -> ctx.nodeClass(n).name().equals(f.nodeClass());
        case SLASH -> false;
      };
      if (hit) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * The operators a slash hits: round(share x eligible) of the eligible nodes (those of
   * {@code nodeClass}, or all), drawn without replacement by a partial Fisher-Yates shuffle.
   */
  List<Node> drawn(FaultEvent f, UniformRandomProvider rng) {
    List<Node> pool = new ArrayList<>();
    for (Node n : ctx.nodes) {
      if (f.nodeClass() == null || ctx.nodeClass(n).name().equals(f.nodeClass())) {
        pool.add(n);
      }
    }
    int k = (int) Math.round(f.share() * pool.size());
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(pool.size() - i);
      Node t = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, t);
    }
    List<Node> hit = new ArrayList<>(pool.subList(0, k));
    hit.sort(java.util.Comparator.comparingInt(Node::id)); // slashed in id order
    return hit;
  }
}
