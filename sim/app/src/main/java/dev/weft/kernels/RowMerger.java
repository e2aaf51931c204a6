package dev.weft.kernels;

import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.Label;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects imported timings by shape and keeps one row per shape: the median of the medians
 * that reported it, with the number of medians merged as its sample count (the published
 * profiles do not say how many timings each median came from) and the names they came under.
 */
final class RowMerger {
  private final Map<KernelQuery, Acc> byKey = new LinkedHashMap<>();

  private static final class Acc {
    final KernelQuery query;
    final List<Double> seconds = new ArrayList<>();
    final TreeSet<String> origins = new TreeSet<>();
    final TreeSet<String> names = new TreeSet<>();
    long samples;

    Acc(KernelQuery q) {
      this.query = q;
    }
  }

  /**
   * One median time for {@code q} from {@code samples} timings, published by {@code origin}
   * (repository@commit and context) under the name {@code name}.
   */
  void add(KernelQuery q, double seconds, String origin, String name, long samples) {
    KernelQuery full = q.withDerivedBytes();
    Acc a = byKey.computeIfAbsent(full.lookupKey(), k -> new Acc(full));
    a.seconds.add(seconds);
    a.origins.add(origin);
    a.names.add(name);
    a.samples += samples;
  }

  /** The merged rows, sorted by hardware, op and shape (deterministic output). */
  List<KernelRow> rows() {
    List<KernelRow> out = new ArrayList<>(byKey.size());
    for (Acc a : byKey.values()) {
      double[] v = a.seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double med = v.length % 2 == 1 ? v[v.length / 2]
          : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      String src = String.join(" + ", a.origins) + " " + String.join("+", a.names) + (v.length > 1 ? " median of "
          + v.length : "");
      out.add(new KernelRow(a.query, med, a.samples, src, Label.MEASURED));
    }
    out.sort(ORDER);
    return out;
  }

  static final Comparator<KernelRow> ORDER = Comparator
      .comparing((KernelRow r) -> r.hardware())
      .thenComparing(r -> r.op().ordinal())
      .thenComparing(r -> r.query().dtype() == null ? "" : r.query().dtype().id())
      .thenComparing(r -> shape(r.query()), Arrays::compare);

  private static long[] shape(KernelQuery q) {
    return new long[] {q.n(), q.k(), q.batch(), q.heads(), q.kvHeads(), q.headDim(),
        q.workers(), q.context(), q.tokens(), q.m(), q.bytes()};
  }
}
