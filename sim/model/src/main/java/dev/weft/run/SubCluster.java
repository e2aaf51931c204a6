package dev.weft.run;

import dev.weft.node.Node;
import dev.weft.scheduling.Cluster;
import dev.weft.scheduling.Geography;
import dev.weft.scheduling.Market;
import dev.weft.workload.Job;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The nodes able to run one group of workloads (say, those whose GPUs hold a 70B model), with
 * local indexes and their own online list, so a scheduler over them never sees a node that
 * could not take the job; and each node's expected delay for the group's work, from its class's
 * throughput (see {@link #delay}).
 */
final class SubCluster implements Cluster {
  private final Node[] members;
  private final int[] local; // by node id, -1 when not a member
  private final Node[] online;
  private final int[] onlinePos; // by local index, -1 when offline
  private int onlineCount;
  private final Market market;
  private final Geography geography;
  private final double[] jobsPerSecond; // by class index
  private final ToIntFunction<Node> jobsHeld;
  private ToDoubleFunction<Node> coldStart = n -> 0; // seconds until a node has the weights
  private ToDoubleFunction<Job> timeLeft = j -> Double.POSITIVE_INFINITY;

  /**
   * {@code jobsPerSecond}: by class index, the jobs of this group a node of the class completes
   * per second when fully occupied; {@code jobsHeld}: the jobs a node holds now (running,
   * queued, on their way, in its engines).
   */
  SubCluster(List<Node> members, int totalNodes, Market market, Geography geography,
      double[] jobsPerSecond, ToIntFunction<Node> jobsHeld) {
    this.members = members.toArray(Node[]::new);
    this.local = new int[totalNodes];
    Arrays.fill(local, -1);
    this.online = new Node[this.members.length];
    this.onlinePos = new int[this.members.length];
    this.market = market;
    this.geography = geography;
    this.jobsPerSecond = jobsPerSecond;
    this.jobsHeld = jobsHeld;
    for (int i = 0; i < this.members.length; i++) {
      local[this.members[i].id()] = i;
      onlinePos[i] = -1;
      if (this.members[i].online()) {
        add(i);
      }
    }
  }

  boolean contains(Node n) {
    return local[n.id()] >= 0;
  }

  /** Keeps the online list in step after {@code n} changed availability. */
  void availabilityChanged(Node n) {
    int i = local[n.id()];
    if (n.online() && onlinePos[i] < 0) {
      add(i);
    } else if (!n.online() && onlinePos[i] >= 0) {
      int p = onlinePos[i];
      Node last = online[--onlineCount];
      online[p] = last;
      onlinePos[local[last.id()]] = p;
      online[onlineCount] = null;
      onlinePos[i] = -1;
    }
  }

  private void add(int i) {
    online[onlineCount] = members[i];
    onlinePos[i] = onlineCount++;
  }

  @Override
  public int size() {
    return members.length;
  }

  @Override
  public Node node(int i) {
    return members[i];
  }

  @Override
  public int indexOf(Node n) {
    return local[n.id()];
  }

  @Override
  public int onlineCount() {
    return onlineCount;
  }

  @Override
  public Node online(int i) {
    return online[i];
  }

  /**
   * Shortest expected delay: (jobs held + 1) / jobs per second of the node's class, saturated.
   * Seconds until the node would have worked off what it holds and the new job at full
   * throughput; comparable across classes, so a faster class takes a longer queue.
   */
  @Override
  public double delay(Node n) {
    return (jobsHeld.applyAsInt(n) + 1) / jobsPerSecond[n.classIndex()]
        + coldStart.applyAsDouble(n);
  }

  /**
   * Seconds before a node could start the group's work because its model weights are not
   * there yet (see {@link Transport#coldStartSeconds}); none by default.
   */
  void coldStart(ToDoubleFunction<Node> seconds) {
    this.coldStart = seconds;
  }

  /** Seconds until a job's deadline (infinity without one): what auction bidders must meet. */
  void timeLeft(ToDoubleFunction<Job> seconds) {
    this.timeLeft = seconds;
  }

  @Override
  public double timeLeft(Job job) {
    return timeLeft.applyAsDouble(job);
  }

  @Override
  public Market market() {
    return market;
  }

  @Override
  public Geography geography() {
    return geography;
  }
}
