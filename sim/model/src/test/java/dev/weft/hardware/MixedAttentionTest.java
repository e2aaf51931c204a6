package dev.weft.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** attention-mixed: grid interpolation, the prefill+decode fallback and extrapolation. */
class MixedAttentionTest {
  static final String HW = "rtx-4090";
  static final long[] CHUNKS = {16, 32, 64, 128};
  static final long[] CONTEXTS = {0, 64, 256, 1024};
  static final long[] DECODES = {1, 4, 16};
  static final long[] KV = {16, 128, 1024, 4096};

  static KernelQuery mixed(long c, long kp, long n, long kd) {
    return KernelQuery.mixed(HW, Dtype.BF16, c, kp, n, kd, 32, 8, 128);
  }

  /** A smooth time in work plus a per-decode cost: monotone in every axis. */
  static double time(long c, long kp, long n, long kd) {
    return 10e-6 + 2e-12 * MixedGrid.work(new long[] {c, kp, n, kd}) + 0.5e-6 * n
        + 1e-9 * kp;
  }

  /** The full 4 x 4 x 3 x 4 grid, plus pure prefill and decode rows of the same shapes. */
  static List<KernelRow> rows(boolean withMixed) {
    List<KernelRow> out = new ArrayList<>();
    for (long c : CHUNKS) {
      for (long kp : CONTEXTS) {
        out.add(Fixtures.row(KernelQuery.prefill(HW, Dtype.BF16, 1, c, kp, 32, 8, 128),
            5e-6 + 1e-12 * c * (kp + c)));
        for (long n : DECODES) {
          for (long kd : KV) {
            if (withMixed) {
              out.add(Fixtures.row(mixed(c, kp, n, kd), time(c, kp, n, kd)));
            }
          }
        }
      }
    }
    for (long n : DECODES) {
      for (long kd : KV) {
        out.add(Fixtures.row(KernelQuery.decode(HW, Dtype.BF16, n, kd, 32, 8, 128),
            4e-6 + 1e-12 * n * kd));
      }
    }
    return out;
  }

  static KernelModel model(boolean withMixed) {
    return KernelModel.of(Fixtures.catalog(), KernelTable.of(rows(withMixed)), List.of());
  }

  @Test
  void gridIsExactAtItsPointsAndMonotoneBetween() {
    List<KernelRow> mixedRows = rows(true).stream().filter(r -> r.op() == Op.ATTENTION_MIXED)
        .toList();
    MixedGrid g = new MixedGrid(mixedRows);
    for (KernelRow r : mixedRows) {
      assertEquals(r.seconds(), g.interpolate(r.query()), 0, r.query().toString());
    }
    // along each axis, between two grid neighbours, values rise and stay between theirs
    long[][] axes = {CHUNKS, CONTEXTS, DECODES, KV};
    long[] base = {32, 64, 4, 128};
    for (int a = 0; a < 4; a++) {
      for (int i = 0; i + 1 < axes[a].length; i++) {
        long[] p = base.clone();
        p[a] = axes[a][i];
        double t1 = g.interpolate(mixed(p[0], p[1], p[2], p[3]));
        p[a] = axes[a][i + 1];
        double t2 = g.interpolate(mixed(p[0], p[1], p[2], p[3]));
        double prev = t1;
        for (long x = axes[a][i] + 1; x < axes[a][i + 1]; x++) {
          p[a] = x;
          double t = g.interpolate(mixed(p[0], p[1], p[2], p[3]));
          assertTrue(t >= prev - 1e-18 && t <= t2 + 1e-18, "axis " + a + " at " + x);
          prev = t;
        }
      }
    }
  }

  @Test
  void offGridPointIsMultilinearInWork() {
    // on a full grid of a time affine in work in every axis, interpolation is exact
    MixedGrid g = new MixedGrid(rows(true).stream().filter(r -> r.op() == Op.ATTENTION_MIXED)
        .toList());
    long[] q = {48, 100, 2, 500};
    assertEquals(time(q[0], q[1], q[2], q[3]), g.interpolate(mixed(q[0], q[1], q[2], q[3])),
        0.03 * time(q[0], q[1], q[2], q[3]));
  }

  @Test
  void noStepRuleOnTheMixedGrid() {
    List<KernelRow> rs = new ArrayList<>();
    for (long kd : new long[] {16, 1024}) {
      // time doubles while attended pairs grow by far less: still linear (see MixedGrid)
      rs.add(Fixtures.row(mixed(64, 0, 1, kd), kd == 16 ? 10e-6 : 20e-6));
    }
    MixedGrid g = new MixedGrid(rs);
    double w = (MixedGrid.work(new long[] {64, 0, 1, 100}) - MixedGrid.work(new long[] {64, 0,
        1, 16})) / (1024 - 16);
    assertEquals(10e-6 + w * 10e-6, g.interpolate(mixed(64, 0, 1, 100)), 1e-18);
  }

  @Test
  void measuredAndInterpolatedLabels() {
    KernelModel m = model(true);
    assertTrue(m.measuresMixed(mixed(1, 0, 1, 0)));
    Prediction p = m.predict(mixed(64, 256, 4, 1024));
    assertEquals(Label.MEASURED, p.label());
    assertEquals(time(64, 256, 4, 1024), p.seconds(), 0);
    p = m.predict(mixed(50, 300, 5, 1500));
    assertEquals(Label.INTERPOLATED, p.label());
    assertTrue(p.seconds() > time(32, 256, 4, 1024) && p.seconds() < time(64, 1024, 16,
        4096));
  }

  @Test
  void withoutMixedRowsItIsThePrefillPlusDecodeSumWithTheWorseLabel() {
    KernelModel m = model(false);
    KernelQuery q = mixed(64, 256, 4, 1024);
    assertFalse(m.measuresMixed(q));
    Prediction p = m.predict(q);
    double sum = m.seconds(q.prefillPart()) + m.seconds(q.decodePart());
    assertEquals(sum, p.seconds(), 0);
    assertEquals(Label.MEASURED, p.label());
    q = mixed(50, 256, 4, 1024);  // prefill interpolated, decode measured
    p = m.predict(q);
    assertEquals(m.seconds(q.prefillPart()) + m.seconds(q.decodePart()), p.seconds(), 0);
    assertEquals(Label.INTERPOLATED, p.label());
    // a GPU without any table: both parts transferred from the GPU that measured attention
    p = model(false).predict(KernelQuery.mixed("h100-sxm", Dtype.BF16, 64, 0, 4, 100, 32, 8,
        128));
    assertEquals(Label.TRANSFERRED, p.label());
    // another attention shape on the same hardware has no grid either
    assertFalse(model(true).measuresMixed(KernelQuery.mixed(HW, Dtype.BF16, 1, 0, 1, 0, 16,
        4, 128)));
  }

  @Test
  void beyondTheGridScalesTheEdgeByTheSumAndSaysSo() {
    KernelModel m = model(true);
    KernelQuery q = mixed(256, 1024, 16, 4096);  // chunk beyond the measured 128
    Prediction p = m.predict(q);
    KernelQuery edge = mixed(128, 1024, 16, 4096);
    assertEquals(Label.CALIBRATED_ROOFLINE, p.label());
    assertTrue(p.seconds() > m.seconds(edge), p.toString());
    double sumRatio = (m.seconds(q.prefillPart()) + m.seconds(q.decodePart()))
        / (m.seconds(edge.prefillPart()) + m.seconds(edge.decodePart()));
    assertEquals(m.seconds(edge) * sumRatio, p.seconds(), 1e-15);
    assertTrue(p.source().contains("nearest point"), p.source());
  }

  @Test
  void leaveOneOutInterpolatesAlongTheDecodeContext() {
    KernelModel m = model(true);
    KernelQuery q = mixed(64, 256, 4, 128);
    double loo = m.mixedWithout(q).orElseThrow();
    assertTrue(loo > time(64, 256, 4, 16) && loo < time(64, 256, 4, 1024));
    assertEquals(time(64, 256, 4, 128), loo, 0.01 * time(64, 256, 4, 128));
    assertFalse(m.mixedWithout(mixed(64, 256, 4, 16)).isPresent(), "an end has one neighbour");
    assertNotNull(m.predict(mixed(64, 256, 4, 16)));
  }

  @Test
  void shapeChecks() {
    assertEquals("batch is required", new KernelQuery(HW, Op.ATTENTION_MIXED, Dtype.BF16, 16,
        -1, -1, -1, 16, 0, 32, 8, 128, -1, -1).problem());
    assertTrue(mixed(16, 0, 1, -1).problem().contains("kv_decode"));
    assertEquals(null, mixed(16, 0, 1, 0).problem());
    assertEquals(mixed(16, 0, 1, 0).prefillPart().flops() + mixed(16, 0, 1, 0).decodePart()
        .flops(), mixed(16, 0, 1, 0).flops(), 0);
  }
}
