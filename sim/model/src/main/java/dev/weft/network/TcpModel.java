package dev.weft.network;

/**
 * TCP effects on a flow, after SimGrid's LV08 model (Velho and Legrand, "Accuracy study and
 * improvement of network simulation in the SimGrid framework", 2009): the latency is multiplied
 * by a slow-start factor, only a fraction of the bandwidth carries payload (headers), ACKs load
 * the reverse path with a fraction of the rate (cross-traffic), and the window caps the rate at
 * window / RTT. SimGrid documents the result on one shared 1 Mbps, 10 ms link: 100 kB take
 * 0.01 × 13.01 + 8e5 / (0.97 × 1e6 / 1.05) = 0.996079 s.
 *
 * @param latencyFactor multiplies the one-way latency
 * @param bandwidthFactor share of a link's capacity left for payload
 * @param crossTraffic reverse-path load per unit of forward rate
 * @param windowBytes TCP window (SimGrid's TCP_gamma), bytes
 */
public record TcpModel(double latencyFactor, double bandwidthFactor, double crossTraffic,
    double windowBytes) {

  /** SimGrid's LV08 defaults: 13.01, 0.97, 0.05 and a 4 MiB window. */
  public static final TcpModel LV08 = new TcpModel(13.01, 0.97, 0.05, 4194304);

  /** No TCP effects: latency as given, the whole capacity, no ACK load, no window cap. */
  public static final TcpModel NONE = new TcpModel(1, 1, 0, Double.POSITIVE_INFINITY);

  public TcpModel {
    if (!(latencyFactor > 0) || !(bandwidthFactor > 0) || bandwidthFactor > 1
        || !(crossTraffic >= 0) || !(windowBytes > 0)) {
      throw new IllegalArgumentException("bad TCP model " + latencyFactor + ", "
          + bandwidthFactor + ", " + crossTraffic + ", " + windowBytes);
    }
  }

  /** The LV08 factors with another window. */
  public static TcpModel lv08(double windowBytes) {
    return new TcpModel(LV08.latencyFactor, LV08.bandwidthFactor, LV08.crossTraffic,
        windowBytes);
  }

  /** Seconds before the first byte arrives, given the route's one-way latency. */
  public double latency(double oneWay) {
    return oneWay * latencyFactor;
  }

  /** Capacity consumed on a forward link per unit of payload rate. */
  public double forwardWeight() {
    return 1 / bandwidthFactor;
  }

  /** Capacity consumed on a reverse-path link per unit of payload rate (ACKs); 0 for none. */
  public double reverseWeight() {
    return crossTraffic / bandwidthFactor;
  }

  /** Rate cap in bits per second for a round-trip time (unfactored) of {@code rtt} seconds. */
  public double windowCap(double rtt) {
    return rtt > 0 ? windowBytes * 8 / rtt : Double.POSITIVE_INFINITY;
  }
}
