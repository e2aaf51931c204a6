package dev.weft.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Work and traffic of each op, and the keys tables index by. */
class KernelQueryTest {
  @Test
  void flopsAndBytesFollowTheFormat() {
    KernelQuery g = KernelQuery.gemm("h", Dtype.BF16, 2, 3, 4);
    assertEquals(48, g.flops());
    assertEquals((8 + 12 + 6) * 2, g.memoryBytes());
    // causal prefill: 4 new tokens over 10 cached attend to 10*4 + 4*5/2 = 50 pairs
    KernelQuery p = KernelQuery.prefill("h", Dtype.BF16, 1, 4, 10, 2, 1, 8);
    assertEquals(4.0 * 2 * 8 * 50, p.flops());
    assertEquals(KernelQuery.rows("h", Op.ELEMENTWISE, Dtype.BF16, 4, 8).bytes(), 3 * 32 * 2);
    assertEquals(KernelQuery.rows("h", Op.RMSNORM, Dtype.BF16, 4, 8).bytes(), (64 + 8) * 2);
    assertEquals(KernelQuery.activation("h", Dtype.BF16, 4, 8, 2).bytes(), 3 * 32 * 2);
    assertEquals(2e6, KernelQuery.copy("h", 1_000_000).memoryBytes());
    assertEquals(1.5e6, KernelQuery.allReduce("h", 1_000_000, 4).memoryBytes());
  }

  @Test
  void seriesKeyDropsTheAxisAndWhatFollowsFromIt() {
    KernelQuery a = KernelQuery.rows("h", Op.SOFTMAX, Dtype.BF16, 16, 4096);
    KernelQuery b = KernelQuery.rows("h", Op.SOFTMAX, Dtype.BF16, 1024, 4096);
    assertEquals(a.seriesKey(), b.seriesKey());
    assertEquals(a, a.withAxis(1024).withAxis(16));
    KernelQuery d = KernelQuery.decode("h", Dtype.BF16, 8, 128, 32, 8, 128);
    assertEquals(d.seriesKey(), d.withAxis(4096).seriesKey());
    assertEquals(4096, d.withAxis(4096).context());
  }

  @Test
  void problemsNameTheMissingColumn() {
    assertNull(KernelQuery.gemm("h", Dtype.BF16, 1, 1, 1).problem());
    assertTrue(KernelQuery.prefill("h", Dtype.BF16, 1, 4, 0, 32, 6, 128).problem()
        .contains("multiple of kv_heads"));
    assertTrue(KernelQuery.copy("h", KernelQuery.NONE).problem().contains("bytes"));
  }
}
