package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.hardware.Fixtures;
import dev.weft.hardware.Hardware;
import dev.weft.scenario.Preemption;
import dev.weft.scenario.ServingConfig;
import dev.weft.scenario.ServingScheduler;
import dev.weft.serving.KvPreemption;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a node class's serving settings and hardware become the engine's swap figures. */
class SwapSetupTest {
  static ServingConfig config(Preemption p, double swapSpace) {
    return new ServingConfig(ServingScheduler.SARATHI, 256, 2048, p, swapSpace);
  }

  /** A 4090-like card with a 25 GB/s host link. */
  static Hardware card(double hostLinkGBps) {
    Hardware h = Fixtures.rtx4090();
    return new Hardware(h.id(), h.name(), h.vendor(), h.kind(), h.memoryGB(),
        h.memoryBandwidthGBps(), h.peakTflops(), h.tdpWatts(), h.idleWatts(),
        h.interconnectType(), h.interconnectGBps(), hostLinkGBps, h.purchaseUsd(),
        h.rentalUsdPerHour(), h.l2CacheMB(), h.smCount(), h.cores(), Map.of());
  }

  /**
   * Llama-3-8B in bf16 on one GPU: 131,072 bytes of KV per token. Over 25 GB/s one token takes
   * 131,072 / 25e9 = 5.24288 µs; 4 GiB of swap space holds 2^32 / 2^17 = 32,768 tokens.
   */
  @Test
  void copyTimeIsBytesOverTheHostLink() {
    KvPreemption p = Serving.preemption(config(Preemption.SWAP,
        ServingConfig.DEFAULT_SWAP_SPACE), card(25), 131_072);
    assertEquals(KvPreemption.Mode.SWAP, p.mode());
    assertEquals(5.24288e-6, p.secondsPerToken(), 1e-18);
    assertEquals(32_768, p.hostTokens());
    // a whole token less than a token's bytes of space holds none
    assertEquals(0, Serving.preemption(config(Preemption.SWAP, 131_071), card(25), 131_072)
        .hostTokens());
  }

  @Test
  void otherModesNeedNoHostLink() {
    assertSame(KvPreemption.NONE, Serving.preemption(config(Preemption.NONE, 0), card(0), 1));
    assertSame(KvPreemption.RECOMPUTE, Serving.preemption(config(Preemption.RECOMPUTE,
        ServingConfig.DEFAULT_SWAP_SPACE), card(0), 1));
    assertThrows(IllegalArgumentException.class, () -> Serving.preemption(
        config(Preemption.SWAP, ServingConfig.DEFAULT_SWAP_SPACE), card(0), 131_072));
  }
}
