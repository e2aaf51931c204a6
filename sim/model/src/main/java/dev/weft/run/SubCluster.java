package dev.weft.run;

import dev.weft.node.Node;
import dev.weft.scheduling.Cluster;
import dev.weft.scheduling.Geography;
import dev.weft.scheduling.Market;
import java.util.Arrays;
import java.util.List;

/**
 * The nodes able to run one group of workloads (say, those whose GPUs hold a 70B model), with
 * local indexes and their own online list, so a scheduler over them never sees a node that
 * could not take the job.
 */
final class SubCluster implements Cluster {
  private final Node[] members;
  private final int[] local; // by node id, -1 when not a member
  private final Node[] online;
  private final int[] onlinePos; // by local index, -1 when offline
  private int onlineCount;
  private final Market market;
  private final Geography geography;

  SubCluster(List<Node> members, int totalNodes, Market market, Geography geography) {
    this.members = members.toArray(Node[]::new);
    this.local = new int[totalNodes];
    Arrays.fill(local, -1);
    this.online = new Node[this.members.length];
    this.onlinePos = new int[this.members.length];
    this.market = market;
    this.geography = geography;
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

  @Override
  public Market market() {
    return market;
  }

  @Override
  public Geography geography() {
    return geography;
  }
}
