package dev.weft.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.Fixtures;
import dev.weft.hardware.KernelModel;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Label;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Iterations with a prefill chunk and decodes use attention-mixed where it was measured. */
class MixedIterationTest {
  static final AiModel LLAMA_8B = AiWorkloadTest.LLAMA_8B;
  static final KernelModel SPEC = AiWorkloadTest.SPEC;

  /** Mixed rows of {@code heads}/8x128 on an RTX 4090, 1.5x the spec prefill+decode sum. */
  static KernelModel withMixed(int heads) {
    List<KernelRow> rows = new ArrayList<>();
    for (long c : new long[] {16, 512}) {
      for (long kp : new long[] {0, 1024}) {
        for (long n : new long[] {1, 8}) {
          for (long kd : new long[] {16, 2048}) {
            KernelQuery q = KernelQuery.mixed("rtx-4090", Dtype.BF16, c, kp, n, kd, heads, 8,
                128);
            rows.add(Fixtures.row(q, 1.5 * (SPEC.seconds(q.prefillPart())
                + SPEC.seconds(q.decodePart()))));
          }
        }
      }
    }
    return KernelModel.of(Fixtures.catalog(), KernelTable.of(rows), List.of());
  }

  static Batch batch() {
    return new Batch().prefill(100, 0).prefill(50, 10).decode(400).decode(500).decode(700);
  }

  @Test
  void mixedIterationUsesTheMixedOpWhenATableHasIt() {
    InferenceCost c = new InferenceCost(withMixed(32), LLAMA_8B, "rtx-4090", 1);
    assertTrue(c.mixedAttention());
    List<Step> steps = c.steps(batch());
    List<String> names = steps.stream().map(Step::name).toList();
    assertEquals(1, names.stream().filter("attention_mixed"::equals).count(), names.toString());
    assertEquals(1, names.stream().filter("attention_prefill"::equals).count());
    assertFalse(names.contains("attention_decode"), names.toString());
    Step mixed = steps.stream().filter(s -> s.name().equals("attention_mixed")).findFirst()
        .orElseThrow();
    // the first chunk (100 tokens, none cached) with the three decodes at their mean context
    assertEquals(KernelQuery.mixed("rtx-4090", Dtype.BF16, InferenceCost.round(100), 0, 3,
        InferenceCost.round(534), 32, 8, 128), mixed.query());
    assertEquals(Label.INTERPOLATED, mixed.prediction().label());
    assertEquals(32, mixed.repeat());
    double sum = steps.stream().mapToDouble(Step::seconds).sum();
    assertEquals(sum, c.seconds(batch()), 1e-12 * sum);
    assertEquals(sum, c.seconds(batch()), 1e-12 * sum, "cached");
    // measured mixed calls cost more than the prefill and decode calls they replace
    InferenceCost plain = new InferenceCost(SPEC, LLAMA_8B, "rtx-4090", 1);
    assertTrue(c.seconds(batch()) > plain.seconds(batch()));
    double[] byLabel = new double[Label.values().length];
    assertEquals(c.seconds(batch()), c.seconds(batch(), byLabel), 0);
    assertEquals(mixed.seconds(), byLabel[Label.INTERPOLATED.ordinal()], 1e-12);
    // pure prefill and pure decode iterations are unaffected
    Batch p = new Batch().prefill(100, 0);
    Batch d = new Batch().decode(500).decode(600);
    assertEquals(plain.seconds(p), c.seconds(p), 0);
    assertEquals(plain.seconds(d), c.seconds(d), 0);
  }

  @Test
  void withoutMixedRowsOfThisShapeTheIterationCostsExactlyWhatItDid() {
    // mixed rows of another attention shape (16 heads) do not apply to 32-head Llama
    InferenceCost other = new InferenceCost(withMixed(16), LLAMA_8B, "rtx-4090", 1);
    InferenceCost plain = new InferenceCost(SPEC, LLAMA_8B, "rtx-4090", 1);
    assertFalse(other.mixedAttention());
    assertFalse(plain.mixedAttention());
    assertEquals(plain.seconds(batch()), other.seconds(batch()), 0);
    assertEquals(plain.steps(batch()), other.steps(batch()));
    assertTrue(plain.steps(batch()).stream().anyMatch(s -> s.name().equals("attention_decode")));
    // and the kernel model's own fallback for a mixed query is that same sum
    KernelQuery q = KernelQuery.mixed("rtx-4090", Dtype.BF16, 112, 0, 3, 544, 32, 8, 128);
    assertEquals(SPEC.seconds(q.prefillPart()) + SPEC.seconds(q.decodePart()),
        SPEC.seconds(q), 0);
  }

  @Test
  void cacheKeysOfRoundedLengthsAreDistinct() {
    java.util.Set<Long> codes = new java.util.HashSet<>();
    long last = -1;
    for (long x = 0; x < 300_000; x++) {
      long r = InferenceCost.round(x);
      if (r != last) {
        assertTrue(codes.add(InferenceCost.code(r)), "code of " + r);
        assertTrue(InferenceCost.code(r) < 1 << 14);
        last = r;
      }
    }
    assertTrue(InferenceCost.mixedKey(4096, 1 << 20, 255, 100_000) >= 0);
    assertEquals(-1, InferenceCost.mixedKey(16, 0, 1 << 20, 16));
  }
}
