package dev.weft.network;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Latency predicted from Vivaldi network coordinates (Dabek, Cox, Kaashoek and Morris, SIGCOMM
 * 2004): each region is a point in a low-dimensional Euclidean space plus a height (the access
 * part of its delay), and the RTT between two regions is their distance plus both heights.
 * Memory is O(regions × dimensions) rather than a full matrix, so the same model can hold one
 * coordinate per machine. Coordinates are fitted to a target by the paper's spring relaxation
 * with adaptive timestep; the fit is deterministic given the random generator.
 */
public final class VivaldiLatency implements LatencyModel {
  /** The paper's constants: fraction of the error and of the move applied per sample. */
  private static final double CE = 0.25;
  private static final double CC = 0.25;

  private final int dims;
  private final double[] coords; // region r at [r * dims, (r + 1) * dims)
  private final double[] heights;
  private final double[] intra; // within-region RTT, kept from the target

  private VivaldiLatency(int dims, double[] coords, double[] heights, double[] intra) {
    this.dims = dims;
    this.coords = coords;
    this.heights = heights;
    this.intra = intra;
  }

  /**
   * Fits coordinates to {@code target}: {@code rounds} passes in which every region takes one RTT
   * sample to a region drawn from {@code rng} and moves along the spring force. The last quarter
   * of the passes cools the step linearly to zero, so the coordinates settle instead of ending
   * mid-oscillation.
   */
  public static VivaldiLatency fit(LatencyModel target, int dimensions, int rounds,
      UniformRandomProvider rng) {
    int n = target.size();
    if (dimensions < 1 || rounds < 1) {
      throw new IllegalArgumentException("dimensions and rounds must be >= 1");
    }
    double[] x = new double[n * dimensions];
    double[] h = new double[n];
    double[] err = new double[n];
    double[] intra = new double[n];
    Arrays.fill(err, 1.0);
    for (int i = 0; i < n; i++) {
      intra[i] = target.rtt(i, i);
    }
    double[] u = new double[dimensions];
    int cooling = Math.max(1, rounds / 4);
    for (int round = 0; round < rounds && n > 1; round++) {
      double temperature = round < rounds - cooling ? 1.0
          : (double) (rounds - round) / cooling;
      for (int i = 0; i < n; i++) {
        int j = rng.nextInt(n - 1);
        if (j >= i) {
          j++;
        }
        double rtt = target.rtt(i, j);
        if (rtt > 0) {
          update(i, j, rtt, x, h, err, dimensions, temperature, u, rng);
        }
      }
    }
    return new VivaldiLatency(dimensions, x, h, intra);
  }

  private static void update(int i, int j, double rtt, double[] x, double[] h, double[] err,
      int d, double temperature, double[] u, UniformRandomProvider rng) {
    double euclid = 0;
    for (int k = 0; k < d; k++) {
      u[k] = x[i * d + k] - x[j * d + k];
      euclid += u[k] * u[k];
    }
    double dist = Math.sqrt(euclid) + h[i] + h[j];
    double uh; // height part of the unit vector from j to i
    if (dist > 0) {
      for (int k = 0; k < d; k++) {
        u[k] /= dist;
      }
      uh = (h[i] + h[j]) / dist;
    } else {
      // coincident points: push apart in a random direction (the paper's rule)
      double s = 0;
      for (int k = 0; k < d; k++) {
        u[k] = rng.nextDouble() - 0.5;
        s += u[k] * u[k];
      }
      s = Math.sqrt(s);
      for (int k = 0; k < d; k++) {
        u[k] /= s;
      }
      uh = 0;
    }
    double w = err[i] / (err[i] + err[j]);
    double sampleError = Math.abs(dist - rtt) / rtt;
    err[i] = sampleError * CE * w + err[i] * (1 - CE * w);
    double step = CC * w * temperature * (rtt - dist);
    for (int k = 0; k < d; k++) {
      x[i * d + k] += step * u[k];
    }
    h[i] = Math.max(0, h[i] + step * uh);
  }

  @Override
  public int size() {
    return heights.length;
  }

  @Override
  public double rtt(int a, int b) {
    if (a == b) {
      return intra[a];
    }
    double s = 0;
    for (int k = 0; k < dims; k++) {
      double diff = coords[a * dims + k] - coords[b * dims + k];
      s += diff * diff;
    }
    return Math.sqrt(s) + heights[a] + heights[b];
  }

  public int dimensions() {
    return dims;
  }

  /** Median over region pairs of |predicted - actual| / actual; the usual Vivaldi accuracy. */
  public double medianRelativeError(LatencyModel actual) {
    int n = size();
    double[] e = new double[n * (n - 1) / 2];
    int c = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double a = actual.rtt(i, j);
        e[c++] = a == 0 ? 0 : Math.abs(rtt(i, j) - a) / a;
      }
    }
    if (c == 0) {
      return 0;
    }
    Arrays.sort(e, 0, c);
    return c % 2 == 1 ? e[c / 2] : (e[c / 2 - 1] + e[c / 2]) / 2;
  }
}
