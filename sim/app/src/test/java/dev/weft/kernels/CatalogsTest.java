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
