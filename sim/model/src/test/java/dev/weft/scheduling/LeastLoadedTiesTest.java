package dev.weft.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.node.Node;
import org.junit.jupiter.api.Test;

/**
 * The least-loaded and auction policies break ties exactly as (load, bid, node id), with node
 * ids that differ from the cluster's local order.
 */
class LeastLoadedTiesTest {

  /** Four nodes at local indices 0..3 with ids 12, 10, 13, 11 and settable bids. */
  static final class Four implements Cluster {
    final Node[] nodes = {new Node(12, 0, 1, 1), new Node(10, 0, 1, 1), new Node(13, 0, 1, 1),
        new Node(11, 0, 1, 1)};
    final double[] bids = new double[4];

    @Override
    public int size() {
      return 4;
    }

    @Override
    public Node node(int i) {
      return nodes[i];
    }

    @Override
    public int indexOf(Node n) {
      for (int i = 0; i < 4; i++) {
        if (nodes[i] == n) {
          return i;
        }
      }
      throw new IllegalArgumentException();
    }

    @Override
    public int onlineCount() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Node online(int i) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Market market() {
      return new Market() {
        @Override
        public double selectionWeight(Node n) {
          return 1.0;
        }

        @Override
        public double bid(Node n) {
          return bids[indexOf(n)];
        }
      };
    }

    void load(Scheduler s, int i, double servingLoad) {
      nodes[i].setServingLoad(servingLoad);
      s.loadChanged(nodes[i]);
    }
  }

  @Test
  void leastLoadedTiesGoToTheLowestId() {
    Four c = new Four();
    c.bids[1] = 5; // ignored without bids
    Scheduler s = new LeastLoaded();
    s.attach(c, null);
    assertEquals(10, s.place(null).id());
    c.load(s, 1, 0.5);
    assertEquals(11, s.place(null).id());
    c.load(s, 3, 0.5); // 10 and 11 at 0.5, 12 and 13 at 0
    assertEquals(12, s.place(null).id());
    c.nodes[0].setOnline(false);
    s.availabilityChanged(c.nodes[0]);
    assertEquals(13, s.place(null).id());
    c.load(s, 2, 0.25);
    assertEquals(13, s.place(null).id());
    c.load(s, 2, 0.75);
    assertEquals(10, s.place(null).id());
  }

  @Test
  void auctionTiesGoToTheLowestBidThenTheLowestId() {
    Four c = new Four();
    c.bids[0] = 3; // id 12
    c.bids[1] = 2; // id 10
    c.bids[2] = 1; // id 13
    c.bids[3] = 1; // id 11
    Scheduler s = new LeastLoaded(true);
    s.attach(c, null);
    assertEquals(11, s.place(null).id()); // bid 1: ids 11 and 13
    c.load(s, 3, 1);
    assertEquals(13, s.place(null).id());
    c.load(s, 2, 1); // 11 and 13 loaded: bid 2 (id 10) next
    assertEquals(10, s.place(null).id());
    c.bids[0] = 0.5; // id 12 now bids lowest
    s.weightsChanged();
    assertEquals(12, s.place(null).id());
    c.bids[0] = 0.0;
    c.bids[1] = -0.0; // equal to 0.0 as a bid: the lower id, 10, wins
    s.weightsChanged();
    assertEquals(10, s.place(null).id());
    for (Node n : c.nodes) {
      n.setOnline(false);
      s.availabilityChanged(n);
    }
    assertNull(s.place(null));
  }
}
