package dev.weft.run;

import dev.weft.economics.Behaviour;
import dev.weft.economics.OperatorCosts;
import dev.weft.economics.OperatorSpec;
import dev.weft.hardware.Hardware;
import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/** Who operates each node: behaviours per class, and the operators an economy is built from. */
public final class Fleet {
  private Fleet() {}

  /**
   * Behaviours of the {@code count} nodes of a class: each behaviour gets its weight's share
   * rounded to whole nodes by largest remainder (so 5% of 200 is exactly 10), then the order
   * is shuffled with the class's own stream, so which nodes misbehave is random but how many is
   * not.
   */
  public static Behaviour[] behaviours(NodeClass c, RandomStreams streams) {
    String[] names = apportion(c.behaviour(), c.count(),
        streams.stream("node/" + c.name() + "/behaviour"));
    Behaviour[] out = new Behaviour[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = Behaviour.byName(names[i]);
    }
    return out;
  }

  /**
   * Labels for {@code n} nodes in proportion to {@code weights}, rounded to whole nodes by
   * largest remainder, in an order shuffled by {@code rng}.
   */
  public static String[] apportion(Map<String, Double> weights, int n,
      UniformRandomProvider rng) {
    List<String> names = new ArrayList<>(weights.keySet());
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    int[] counts = new int[names.size()];
    double[] rem = new double[names.size()];
    int assigned = 0;
    for (int i = 0; i < names.size(); i++) {
      double exact = n * weights.get(names.get(i)) / total;
      counts[i] = (int) Math.floor(exact);
      rem[i] = exact - counts[i];
      assigned += counts[i];
    }
    while (assigned < n) {
      int best = 0;
      for (int i = 1; i < rem.length; i++) {
        if (rem[i] > rem[best]) {
          best = i;
        }
      }
      counts[best]++;
      rem[best] = -1;
      assigned++;
    }
    String[] out = new String[n];
    int k = 0;
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j < counts[i]; j++) {
        out[k++] = names.get(i);
      }
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      String t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /**
   * The region of each of a class's nodes: its {@code regions} weights apportioned as
   * {@link #apportion} does, from the class's own stream (so the network and the economy see the
   * same placement); {@code fallback} for every node of a class without weights.
   */
  public static String[] regions(NodeClass c, String fallback, RandomStreams streams) {
    if (c.regions() == null) {
      String[] out = new String[c.count()];
      java.util.Arrays.fill(out, fallback);
      return out;
    }
    return apportion(c.regions(), c.count(), streams.stream("node/" + c.name() + "/regions"));
  }

  /** One operator per node, in node-id order (an operator's id is its node's id). */
  public static List<OperatorSpec> operators(Scenario s, RandomStreams streams,
      Resources resources) {
    EconomicsConfig e = s.economics();
    List<OperatorSpec> out = new ArrayList<>(s.nodeCount());
    String fallback = s.network() != null && resources.regions() != null
        && resources.regions().size() > 0 ? resources.regions().id(0) : null;
    for (NodeClass c : s.nodes()) {
      Behaviour[] b = behaviours(c, streams);
      String[] region = regions(c, fallback, streams);
      Hardware hw = resources.hardware().get(c.hardware());
      // the catalog's purchase price and power where it has them; the config's otherwise
      Double price = hw != null && hw.purchaseUsd() > 0 ? hw.purchaseUsd() : null;
      Double watts = hw != null && hw.tdpWatts() > 0 ? hw.tdpWatts() : null;
      Double idle = hw != null && hw.idleWatts() > 0 ? hw.idleWatts() : null;
      for (int i = 0; i < c.count(); i++) {
        // the energy price is the node's region's
        OperatorCosts costs = OperatorCosts.of(e.costs(), region[i], c.gpus(), price, watts,
            idle);
        out.add(new OperatorSpec(c.name(), b[i], c.stake(), c.gpus(), costs, region[i]));
      }
    }
    return out;
  }
}
