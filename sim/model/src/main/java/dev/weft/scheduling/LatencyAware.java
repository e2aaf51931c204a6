package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Picks the node with the lowest expected time to answer: the round trip from the job's origin
 * to the node's region plus its {@link Cluster#delay} (the work queued ahead of the job and the
 * job itself over the node's throughput, in seconds) times a weight, 1 by default. Each region
 * keeps its own least-loaded index, so a placement looks at one candidate per region:
 * O(regions + log n). Equal scores are broken by a uniform draw from the policy's stream, not
 * by region order.
 */
final class LatencyAware implements Scheduler {
  private final double loadPenalty;
  private Cluster cluster;
  private UniformRandomProvider rng;
  private final List<LeastLoaded> byRegion = new ArrayList<>();
  private final List<RegionView> views = new ArrayList<>();

  LatencyAware() {
    this(1.0);
  }

  LatencyAware(double loadPenalty) {
    this.loadPenalty = loadPenalty;
  }

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    this.rng = rng;
    int regions = cluster.geography().regionCount();
    List<List<Node>> members = new ArrayList<>();
    for (int r = 0; r < regions; r++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < cluster.size(); i++) {
      Node n = cluster.node(i);
      members.get(cluster.geography().regionOf(n)).add(n);
    }
    for (int r = 0; r < regions; r++) {
      RegionView v = new RegionView(cluster, members.get(r));
      LeastLoaded l = new LeastLoaded();
      l.attach(v, rng);
      views.add(v);
      byRegion.add(l);
    }
  }

  @Override
  public Node place(Job job) {
    int origin = Math.max(0, job.origin());
    Node best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    int tied = 0; // nodes at the best score so far, over all regions
    for (int r = 0; r < byRegion.size(); r++) {
      LeastLoaded region = byRegion.get(r);
      Node candidate = region.place(job);
      if (candidate == null) {
        continue;
      }
      double score = cluster.geography().rtt(origin, r)
          + loadPenalty * cluster.delay(candidate);
      if (score < bestScore) {
        bestScore = score;
        best = candidate;
        tied = region.tied();
      } else if (best != null && score == bestScore) {
        // keep each tied node equally likely: this region's with its share of the tied nodes
        tied += region.tied();
        if (rng.nextInt(tied) < region.tied()) {
          best = candidate;
        }
      }
    }
    return best;
  }

  @Override
  public void loadChanged(Node node) {
    byRegion.get(cluster.geography().regionOf(node)).loadChanged(node);
  }

  @Override
  public void availabilityChanged(Node node) {
    byRegion.get(cluster.geography().regionOf(node)).availabilityChanged(node);
  }

  /** The nodes of one region, indexed locally, for that region's least-loaded index. */
  private static final class RegionView implements Cluster {
    private final Cluster all;
    private final List<Node> nodes;
    private final int[] local;

    RegionView(Cluster all, List<Node> nodes) {
      this.all = all;
      this.nodes = nodes;
      this.local = new int[all.size()];
      java.util.Arrays.fill(local, -1);
      for (int i = 0; i < nodes.size(); i++) {
        local[all.indexOf(nodes.get(i))] = i;
      }
    }

    @Override
    public int size() {
      return nodes.size();
    }

    @Override
    public Node node(int i) {
      return nodes.get(i);
    }

    @Override
    public int indexOf(Node n) {
      return local[all.indexOf(n)];
    }

    @Override
    public Market market() {
      return all.market();
    }

    @Override
    public double delay(Node n) {
      return all.delay(n);
    }

    @Override
    public int onlineCount() {
      throw new UnsupportedOperationException("least-loaded keeps its own index");
    }

    @Override
    public Node online(int i) {
      throw new UnsupportedOperationException("least-loaded keeps its own index");
    }
  }
}
