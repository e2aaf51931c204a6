package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.kernels.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft kernels ...} end to end, on a fresh clone's models/ folder. */
class KernelsCliTest {
  @TempDir
  static Path dir;
  static String models;

  static CliTest.Result weft(String... args) {
    return CliTest.weft(args); // the same in-process harness as the other CLI tests
  }

  @BeforeAll
  static void freshClone() {
    models = TestData.freshModels(dir).toString();
  }

  @Test
  void predictPrintsSecondsAndLabel() {
    CliTest.Result r = weft("kernels", "predict", "--models", models, "--hardware", "h100-sxm", "--op",
        "gemm", "--m", "1", "--n", "6144", "--k", "4096", "--dtype", "bf16");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("2.21653e-05 s measured ("), r.out());
    r = weft("kernels", "predict", "--models", models, "--hardware", "h100-sxm", "--op",
        "attention-decode", "--tokens", "1", "--context", "3000");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(" s interpolated ("), r.out());
    // a GPU without attention tables: transferred from the GPUs that measured attention
    r = weft("kernels", "predict", "--models", models, "--hardware", "l4", "--op",
        "attention-prefill", "--tokens", "512", "--context", "0", "--model", "llama-3-70b");
    assertTrue(r.out().contains(" s transferred ("), r.out());
    // a CPU is no GPU to transfer to: the datasheet roofline stays the last resort
    r = weft("kernels", "predict", "--models", models, "--hardware", "cpu-epyc-9654", "--op",
        "attention-prefill", "--tokens", "512", "--context", "0", "--model", "llama-3-70b");
    assertTrue(r.out().contains(" s spec-roofline ("), r.out());
  }

  @Test
  void badPredictionsExitTwoWithTheReason() {
    CliTest.Result r = weft("kernels", "predict", "--models", models, "--hardware", "h100", "--op",
        "gemm", "--m", "1", "--n", "1", "--k", "1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown hardware 'h100'"), r.err());
    r = weft("kernels", "predict", "--models", models, "--hardware", "h100-sxm", "--op",
        "gemm", "--m", "1", "--n", "1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("gemm: k is required"), r.err());
    r = weft("kernels", "predict", "--models", models, "--hardware", "abstract", "--op",
        "gemm", "--m", "1", "--n", "1", "--k", "1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no kernel times"), r.err());
  }

  @Test
  void batchOfFiveThousandRows() throws Exception {
    Random rnd = new Random(1);
    String[] hws = {"h100-sxm", "h200", "a100-80gb", "a40", "rtx-4090", "rtx-pro-6000", "l4",
        "l40s", "cpu-epyc-9654"};
    List<String> lines = new ArrayList<>(List.of("hardware,op,m,n,k,dtype"));
    for (int i = 0; i < 5000; i++) {
      String hw = hws[rnd.nextInt(hws.length)];
      long m = 1 + rnd.nextInt(8192);
      long n = 256L * (1 + rnd.nextInt(64));
      switch (i % 4) {
        case 0, 1 -> lines.add(hw + ",gemm," + m + "," + n + "," + 256L * (1 + rnd.nextInt(64))
            + ",bf16");
        case 2 -> lines.add(hw + ",elementwise," + m + "," + n + ",,bf16");
        default -> lines.add(hw + ",rmsnorm," + m + "," + n + ",,");
      }
    }
    Path in = dir.resolve("in.csv");
    Files.write(in, lines);
    long t0 = System.nanoTime();
    CliTest.Result r = weft("kernels", "predict", "--models", models, "--batch", in.toString());
    double s = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, r.code(), r.err());
    String[] out = r.out().split("\n");
    assertEquals(5001, out.length);
    assertEquals("hardware,op,m,n,k,dtype,seconds,source", out[0]);
    for (int i = 1; i < out.length; i++) {
      assertTrue(out[i].startsWith(lines.get(i) + ","), out[i]);
      String[] f = out[i].split(",");
      assertTrue(Double.parseDouble(f[6]) > 0, out[i]);
      assertTrue(List.of("measured", "interpolated", "calibrated-roofline", "spec-roofline")
          .contains(f[7]), out[i]);
    }
    assertTrue(s < 5, "5,000 rows took " + s + " s");
  }

  @Test
  void batchWithBadRowsPrintsNothingAndEveryError() throws Exception {
    Path in = dir.resolve("bad.csv");
    Files.write(in, List.of("hardware,op,m,n,k,dtype", "h100-sxm,gemm,1,2,3,bf16",
        "h100,gemm,1,2,3,bf16", "h100-sxm,gemn,1,2,3,bf16", "h100-sxm,gemm,x,2,3,bf16",
        "h100-sxm,gemm,1,2,,bf16", "h100-sxm,gemm,1,2,3,bf17", "h100-sxm,gemm,1,2"));
    CliTest.Result r = weft("kernels", "predict", "--models", models, "--batch", in.toString());
    assertEquals(2, r.code());
    assertEquals("", r.out());
    String f = in.toString();
    String e = r.err();
    assertTrue(e.contains(f + ":3:1: unknown hardware 'h100'"), e);
    assertTrue(e.contains(f + ":4:10: unknown op 'gemn' (did you mean 'gemm'?)"), e);
    assertTrue(e.contains(f + ":5:15: m: 'x' is not a whole number"), e);
    assertTrue(e.contains(f + ":6:10: gemm: k is required"), e);
    assertTrue(e.contains(f + ":7:21: unknown dtype 'bf17'"), e);
    assertTrue(e.contains(f + ":8:1: expected 6 fields, found 4"), e);
    r = weft("kernels", "predict", "--models", models, "--batch", dir.resolve("none.csv")
        .toString());
    assertEquals(2, r.code());
    Files.write(in, List.of("hardware,op,m,n,kk,dtype"));
    r = weft("kernels", "predict", "--models", models, "--batch", in.toString());
    assertTrue(r.err().contains(":1:17: unknown column 'kk' (did you mean 'k'?)"), r.err());
  }

  @Test
  void importWritesTablesThatLoad() throws Exception {
    Path out = dir.resolve("imported");
    CliTest.Result r = weft("kernels", "import", "--models", models, "--format", "llmservingsim",
        TestData.llmServingSim().toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("rtx-4090.csv: 9939 rows"), r.out());
    var rows = dev.weft.kernels.KernelTables.file(out.resolve("rtx-pro-6000.csv"),
        TestData.catalog());
    assertEquals(3146 + 2 * 18960, rows.size());  // with the attention-mixed rows
    r = weft("kernels", "import", "--models", models, "--format", "vidur",
        TestData.vidur().toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.size(out.resolve("a100-80gb.csv")) > 1_000_000);
    // a file of the same name that import did not write is never replaced
    Path foreign = dir.resolve("foreign");
    java.nio.file.Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("a100-80gb.csv"), "my own table");
    r = weft("kernels", "import", "--models", models, "--format", "vidur",
        TestData.vidur().toString(), "--out", foreign.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("a100-80gb.csv exists and was not written by weft"), r.err());
    assertEquals("my own table", Files.readString(foreign.resolve("a100-80gb.csv")));
    // nor the project's measured tables (a copy of models/ here)
    Path copy = TestData.freshModels(dir.resolve("models-copy"));
    Path measured = copy.resolve("kernels").resolve("a100-80gb.csv");
    Files.writeString(measured, "measured");
    r = weft("kernels", "import", "--models", copy.toString(), "--format", "vidur",
        TestData.vidur().toString(), "--out", copy.resolve("kernels").toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("holds the project's measured kernel tables"), r.err());
    assertEquals("measured", Files.readString(measured));
    r = weft("kernels", "import", "--models", models, "--format", "vidur",
        dir.resolve("nowhere").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no such folder"), r.err());
    r = weft("kernels", "import", "--models", models, "--format", "pytorch",
        TestData.vidur().toString());
    assertEquals(2, r.code());
  }
}
