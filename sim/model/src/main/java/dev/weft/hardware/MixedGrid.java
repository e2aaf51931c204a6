package dev.weft.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The measured {@code attention-mixed} rows of one hardware, dtype and attention shape
 * (heads, KV heads, head size), as a grid in four axes: prefill chunk ({@code tokens}),
 * its cached tokens ({@code context}), decode sequences ({@code batch}) and their cached
 * tokens ({@code m}). The grid may be ragged (LLMServingSim's RTX PRO 6000 profiles measure
 * finer chunk and context steps at some points only), so it is nested: one line of chunks;
 * under each chunk the contexts measured with it; under each of those the decode counts;
 * under each of those the decode contexts.
 *
 * <p>Interpolation goes one axis at a time, outermost first: between the two neighbours
 * {@code x1 < x < x2} on an axis, the values at x1 and x2 (each interpolated the same way
 * in the axes below) are combined linearly in the call's attention work W (attended
 * query-key pairs: {@code chunk * context + chunk (chunk + 1) / 2 + batch * m}), as
 * {@link Series} does in one axis. On a full rectilinear grid this is multilinear
 * interpolation (in work), independent of the order of axes. It is exact at grid points,
 * and inside a cell it is monotone along every axis, lying between the values at the cell's
 * faces. The staircase rule of {@link Series} (the upper neighbour where a segment's time
 * grows faster than its work) is not used here: attended pairs weigh a decode pair, which
 * reads its key and value from memory, like a prefill pair, which is compute-bound, so in
 * LLMServingSim's grids most decode-context segments (5,708 of 6,912 on the RTX 4090) grow
 * faster than pairs without any step. Taking the upper neighbour there gave 23-26 % median
 * error leaving one row out, against 0.6-0.7 % for plain interpolation (VALIDATION.md
 * section 7). A query outside the range an inner line measured takes that
 * line's nearest end; {@link KernelModel} only asks for points inside the grid's bounding box
 * and extrapolates beyond it itself. Immutable.
 */
final class MixedGrid {
  private final Node root;
  private final long[] lo = new long[4];
  private final long[] hi = new long[4];
  private final int size;

  /** One line of the nested grid: sorted axis values, and children (or leaf times). */
  private static final class Node {
    long[] xs;
    Node[] kids;
    double[] t;
  }

  MixedGrid(List<KernelRow> rows) {
    List<KernelRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong((KernelRow r) -> r.query().tokens())
        .thenComparingLong(r -> r.query().context())
        .thenComparingLong(r -> r.query().batch())
        .thenComparingLong(r -> r.query().m()));
    Arrays.fill(lo, Long.MAX_VALUE);
    Arrays.fill(hi, Long.MIN_VALUE);
    for (KernelRow r : sorted) {
      long[] x = coords(r.query());
      for (int a = 0; a < 4; a++) {
        lo[a] = Math.min(lo[a], x[a]);
        hi[a] = Math.max(hi[a], x[a]);
      }
    }
    this.size = sorted.size();
    this.root = build(sorted, 0, 0, sorted.size());
  }

  /** The key all rows of one grid share: hardware, op, dtype and the attention shape. */
  static KernelQuery key(KernelQuery q) {
    long none = KernelQuery.NONE;
    return new KernelQuery(q.hardware(), q.op(), q.dtype(), none, none, none, none, none, none,
        q.heads(), q.kvHeads(), q.headDim(), none, none);
  }

  /** Chunk, context, decode sequences, decode context. */
  static long[] coords(KernelQuery q) {
    return new long[] {q.tokens(), q.context(), q.batch(), q.m()};
  }

  private static Node build(List<KernelRow> rows, int level, int from, int to) {
    List<Long> xs = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    int i = from;
    while (i < to) {
      long x = coords(rows.get(i).query())[level];
      int j = i;
      while (j < to && coords(rows.get(j).query())[level] == x) {
        j++;
      }
      xs.add(x);
      spans.add(new int[] {i, j});
      i = j;
    }
    Node n = new Node();
    n.xs = xs.stream().mapToLong(Long::longValue).toArray();
    if (level == 3) {
      n.t = new double[n.xs.length];
      for (int k = 0; k < n.xs.length; k++) {
        n.t[k] = rows.get(spans.get(k)[0]).seconds();  // keys are unique within a table
      }
    } else {
      n.kids = new Node[n.xs.length];
      for (int k = 0; k < n.xs.length; k++) {
        n.kids[k] = build(rows, level + 1, spans.get(k)[0], spans.get(k)[1]);
      }
    }
    return n;
  }

  int size() {
    return size;
  }

  /** True when every axis value of {@code q} lies within the measured range of that axis. */
  boolean inside(KernelQuery q) {
    long[] x = coords(q);
    for (int a = 0; a < 4; a++) {
      if (x[a] < lo[a] || x[a] > hi[a]) {
        return false;
      }
    }
    return true;
  }

  /** {@code q} with each axis value moved into the grid's bounding box. */
  KernelQuery clamp(KernelQuery q) {
    long[] x = coords(q);
    for (int a = 0; a < 4; a++) {
      x[a] = Math.max(lo[a], Math.min(hi[a], x[a]));
    }
    return KernelQuery.mixed(q.hardware(), q.dtype(), x[0], x[1], x[2], x[3], q.heads(),
        q.kvHeads(), q.headDim());
  }

  /** Interpolated time of {@code q} (inside the bounding box). */
  double interpolate(KernelQuery q) {
    return eval(root, 0, coords(q), null, false);
  }

  /**
   * Interpolated time of {@code q} as if the grid point {@code held} (coordinates as
   * {@link #coords}) had not been measured: for leave-one-out scores.
   */
  double interpolateWithout(KernelQuery q, long[] held) {
    return eval(root, 0, coords(q), held, true);
  }

  private double eval(Node node, int level, long[] x, long[] held, boolean onHeld) {
    long[] xs = node.xs;
    int skip = -1;
    if (onHeld) {
      int h = Arrays.binarySearch(xs, held[level]);
      // below the leaf, a held point only removes itself; above, it changes only its branch
      skip = level == 3 ? h : -1;
      if (level < 3 && h < 0) {
        onHeld = false;
      }
    }
    int below = -1;
    int above = -1;
    for (int i = 0; i < xs.length; i++) {
      if (i == skip) {
        continue;
      }
      if (xs[i] == x[level]) {
        return value(node, i, level, x, held, onHeld);
      }
      if (xs[i] < x[level]) {
        below = i;
      } else if (above < 0) {
        above = i;
      }
    }
    if (below < 0 || above < 0) {
      int near = below < 0 ? above : below;
      if (near < 0) {
        throw new IllegalStateException("empty line in a mixed attention grid");
      }
      return value(node, near, level, x, held, onHeld);
    }
    double v1 = value(node, below, level, x, held, onHeld);
    double v2 = value(node, above, level, x, held, onHeld);
    long[] p = x.clone();
    p[level] = xs[below];
    double w1 = work(p);
    p[level] = xs[above];
    double w2 = work(p);
    double f = w2 > w1 ? (work(x) - w1) / (w2 - w1)
        : (double) (x[level] - xs[below]) / (xs[above] - xs[below]);
    return v1 + Math.min(1, Math.max(0, f)) * (v2 - v1);
  }

  private double value(Node node, int i, int level, long[] x, long[] held, boolean onHeld) {
    if (level == 3) {
      return node.t[i];
    }
    return eval(node.kids[i], level + 1, x, held, onHeld && node.xs[i] == held[level]);
  }

  /**
   * True when the grid point {@code p} (coordinates as {@link #coords}) is measured and has
   * measured neighbours on both sides in the innermost axis (decode context), so that
   * {@link #interpolateWithout} interpolates it rather than taking a line's end.
   */
  boolean interiorPoint(long[] p) {
    Node n = root;
    for (int level = 0; level < 3; level++) {
      int i = Arrays.binarySearch(n.xs, p[level]);
      if (i < 0) {
        return false;
      }
      n = n.kids[i];
    }
    int i = Arrays.binarySearch(n.xs, p[3]);
    return i > 0 && i < n.xs.length - 1;
  }

  /** Attended query-key pairs of a mixed call (its FLOPs over 4 heads head_dim). */
  static double work(long[] x) {
    double c = x[0];
    return c * x[1] + c * (c + 1) / 2 + (double) x[2] * x[3];
  }

  /** Short description for a prediction's source. */
  String describe(String hw) {
    return "interpolated on the grid of " + size + " measured attention-mixed rows of " + hw
        + " (axis by axis, linear in attended pairs)";
  }
}
