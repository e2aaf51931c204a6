package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ai.AiModel;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.HardwareIds;
import dev.weft.yaml.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hardware catalog and AI model shapes load, with checks. */
class CatalogsTest {
  @Test
  void everyCatalogFileLoads() throws Exception {
    Map<String, Hardware> hw = TestData.catalog();
    assertTrue(hw.keySet().containsAll(HardwareIds.all()), hw.keySet().toString());
    Hardware h = hw.get("h100-sxm");
    assertEquals(989e12, h.peakFlops(Dtype.BF16), 1);
    assertEquals(3350e9, h.memoryBandwidth(), 1);
    assertEquals(450e9, h.linkBandwidth(), 1);
    assertEquals(132, h.smCount());
    assertTrue(!hw.get("abstract").hasFigures());
    Map<String, AiModel> ai = Catalogs.models(TestData.models().resolve("ai"));
    assertEquals(131072, ai.get("llama-3-8b").kvBytesPerToken(1));
    AiModel moe = ai.get("qwen3-30b-a3b");
    assertEquals(128, moe.experts());
    assertEquals(768, moe.expertIntermediateSize());
  }

  /**
   * Every GPU has a host link (PCIe, per direction, below the link's encoded rate of 31.5 GB/s
   * for Gen4 x16 and 63 GB/s for Gen5 x16) with its source; CPUs and abstract nodes have none.
   */
  @Test
  void everyGpuHasAHostLinkWithItsSource() throws Exception {
    Map<String, Hardware> hw = TestData.catalog();
    assertEquals(50e9, hw.get("h100-sxm").hostLinkBandwidth(), 1);
    assertEquals(25e9, hw.get("rtx-4090").hostLinkBandwidth(), 1);
    for (Hardware h : hw.values()) {
      if (h.kind().equals(Hardware.GPU)) {
        assertTrue(h.hostLinkGBps() > 0 && h.hostLinkGBps() < 63, h.id());
        assertTrue(h.sources().containsKey("hostLink"), h.id());
      } else {
        assertEquals(0, h.hostLinkGBps(), h.id());
      }
    }
  }

  @Test
  void badHostLinksAreReportedWithPositions(@TempDir Path dir) throws Exception {
    String gpu = "kind: gpu\nmemoryGB: 1\nmemoryBandwidthGBps: 1\npeakTflops: {bf16: 1}\n";
    Files.writeString(dir.resolve("a.yaml"), "id: a\n" + gpu + "hostLink: {bandwidth: 25}\n");
    Files.writeString(dir.resolve("b.yaml"), "id: b\n" + gpu + "hostLink: 25\n");
    Files.writeString(dir.resolve("c.yaml"), "id: c\n" + gpu + "hostLink: {bandwidthGBps: 0}\n");
    InputException e = assertThrows(InputException.class, () -> Catalogs.hardware(dir));
    String m = e.getMessage();
    assertTrue(m.contains("a.yaml:6:12: unknown field 'hostLink.bandwidth'"), m);
    assertTrue(m.contains("a.yaml:6:11: missing field 'hostLink.bandwidthGBps'"), m);
    assertTrue(m.contains("b.yaml:6:11: hostLink must be a map"), m);
    assertTrue(m.contains("c.yaml:6:27: hostLink.bandwidthGBps must be more than 0"), m);
  }

  @Test
  void badFilesAreReportedWithPositions(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("x.yaml"), "id: y\nkind: gpu\nmemoryGB: lots\n"
        + "memoryBandwidthGBps: 1\npeakTflop: {bf16: 1}\n");
    InputException e = assertThrows(InputException.class, () -> Catalogs.hardware(dir));
    String m = e.getMessage();
    assertTrue(m.contains("x.yaml:1:5: id: id 'y' must match the file name 'x'"), m);
    assertTrue(m.contains("x.yaml:3:11: memoryGB: 'lots' is not a number"), m);
    assertTrue(m.contains("x.yaml:5:1: unknown field 'peakTflop' (did you mean "
        + "'peakTflops'?)"), m);
    assertTrue(m.contains("missing field 'peakTflops'"), m);
  }
}
