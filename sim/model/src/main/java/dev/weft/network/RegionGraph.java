package dev.weft.network;

import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Regions as a complete JGraphT graph weighted by round-trip time, with the lowest-latency route
 * between every pair computed once (Dijkstra from each region; region counts are tens, so the
 * all-pairs table is small). Where the latency data breaks the triangle inequality, the route
 * goes through an intermediate region, as an overlay that picks its fastest path would.
 */
public final class RegionGraph {
  /** Added to each hop's weight so that a direct hop wins a tie against a detour. */
  private static final double HOP_PENALTY = 1e-9;

  private final Graph<Integer, DefaultWeightedEdge> graph;
  private final int[][][] routes;
  private final double[][] oneWay;

  public RegionGraph(LatencyModel latency) {
    int n = latency.size();
    SimpleWeightedGraph<Integer, DefaultWeightedEdge> g =
        new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    for (int i = 0; i < n; i++) {
      g.addVertex(i);
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        Graphs.addEdge(g, i, j, latency.rtt(i, j) + HOP_PENALTY);
      }
    }
    graph = new AsUnmodifiableGraph<>(g);
    routes = new int[n][n][];
    oneWay = new double[n][n];
    DijkstraShortestPath<Integer, DefaultWeightedEdge> dijkstra = new DijkstraShortestPath<>(g);
    for (int a = 0; a < n; a++) {
      SingleSourcePaths<Integer, DefaultWeightedEdge> paths = dijkstra.getPaths(a);
      for (int b = 0; b < n; b++) {
        if (a == b) {
          routes[a][b] = new int[] {a};
          oneWay[a][b] = latency.rtt(a, a) / 2;
          continue;
        }
        List<Integer> vertices = paths.getPath(b).getVertexList();
        int[] r = vertices.stream().mapToInt(Integer::intValue).toArray();
        double sum = 0;
        for (int k = 1; k < r.length; k++) {
          sum += latency.rtt(r[k - 1], r[k]);
        }
        routes[a][b] = r;
        oneWay[a][b] = sum / 2;
      }
    }
  }

  public int size() {
    return routes.length;
  }

  /** The regions a route visits, from {@code a} to {@code b} inclusive ({@code [a]} if equal). */
  public int[] route(int a, int b) {
    return routes[a][b].clone();
  }

  int[] routeView(int a, int b) {
    return routes[a][b];
  }

  /** Half the round-trip time along the route, in seconds. */
  public double oneWayLatency(int a, int b) {
    return oneWay[a][b];
  }

  /** The region graph, read-only: vertices are region indices, edge weights RTT in seconds. */
  public Graph<Integer, DefaultWeightedEdge> graph() {
    return graph;
  }
}
