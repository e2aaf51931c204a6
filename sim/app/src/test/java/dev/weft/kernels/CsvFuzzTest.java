package dev.weft.kernels;

import dev.weft.hardware.Hardware;
import dev.weft.scenario.load.InputFuzzTest;
import dev.weft.yaml.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing of the CSV readers of kernel tables and of {@code kernels predict --batch}: mutated
 * tables and query files (see {@link InputFuzzTest#mutated}) are read or refused with Weft's
 * own {@link InputException}, never another exception.
 */
class CsvFuzzTest {
  static final String TABLE = """
      hardware,op,dtype,m,n,k,batch,tokens,context,heads,kv_heads,head_dim,bytes,workers,seconds,samples,source,label
      h100-sxm,copy,,,,,,,,,,,1048576,,3.6208e-06,25,weft profile,measured
      h100-sxm,gemm,bf16,512,4096,4096,,,,,,,,,2.1e-05,10,weft profile,measured
      h100-sxm,gemm,bf16,1024,4096,4096,,,,,,,,,3.9e-05,10,"weft, quoted",measured
      """;
  static final String BATCH = """
      hardware,op,m,n,k,dtype
      h100-sxm,gemm,512,6144,4096,bf16
      a100-80gb,gemm,1,4096,4096,bf16
      h100-sxm,rmsnorm,512,4096,,bf16
      """;
  private static Map<String, Hardware> catalog;
  private static Kernels kernels;

  @BeforeContainer
  static void load() throws InputException {
    catalog = TestData.catalog();
    kernels = Kernels.load(TestData.models());
  }

  @Provide
  Arbitrary<String> tables() {
    return InputFuzzTest.mutated(TABLE);
  }

  @Provide
  Arbitrary<String> batches() {
    return InputFuzzTest.mutated(BATCH);
  }

  @Property(tries = 300)
  void mutatedKernelTablesReadOrFailWithInputErrors(@ForAll("tables") String text)
      throws Exception {
    Path f = Files.createTempDirectory("weft-fuzz").resolve("h100-sxm.csv");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    try {
      KernelTables.file(f, catalog);
    } catch (InputException expected) {
      // Weft's own refusal
    } finally {
      Files.delete(f);
      Files.delete(f.getParent());
    }
  }

  @Property(tries = 300)
  void mutatedBatchFilesPredictOrFailWithInputErrors(@ForAll("batches") String text)
      throws Exception {
    Path f = Files.createTempFile("weft-fuzz", ".csv");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    try {
      BatchPredictor.predict(kernels, f, false);
    } catch (InputException expected) {
      // Weft's own refusal
    } finally {
      Files.delete(f);
    }
  }
}
