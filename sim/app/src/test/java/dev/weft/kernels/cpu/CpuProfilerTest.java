package dev.weft.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Op;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What profile-cpu asks of JMH and how it reads JMH's answer (no JMH run here). */
class CpuProfilerTest {
  /** Two SampleTime results in JMH's JSON layout, cut to the fields that are read. */
  static final String RESULTS = """
      [ {"jmhVersion": "1.37", "benchmark": "dev.weft.bench.cpu.CpuBench.gemmF32",
         "mode": "sample", "params": {"shape": "8x256x256", "threads": "2"},
         "primaryMetric": {"scorePercentiles": {"0.0": 90.0, "50.0": 150.0},
           "scoreUnit": "ns/op",
           "rawDataHistogram": [ [ [[100.0, 3], [200.0, 1]], [[150.0, 2]] ],
                                 [ [[120.0, 4]] ] ] } },
        {"jmhVersion": "1.37", "benchmark": "dev.weft.bench.cpu.CpuBench.gemmF32",
         "mode": "sample", "params": {"shape": "64x256x256", "threads": "2"},
         "primaryMetric": {"scorePercentiles": {"50.0": 1.5e6}, "scoreUnit": "ns/op",
           "rawDataHistogram": [ [ [[1.5e6, 7]] ] ] } } ]
      """;

  @Test
  void samplesAreTheMedianAndTheCountsOverForksAndIterations() throws IOException {
    List<CpuProfiler.Sample> s = CpuProfiler.samples(new ObjectMapper().readTree(RESULTS));
    assertEquals(2, s.size());
    // 3 + 1 + 2 samples in the first fork's two iterations, 4 in the second fork's one
    assertEquals(new CpuProfiler.Sample("8x256x256", 150.0, 10), s.get(0));
    assertEquals(new CpuProfiler.Sample("64x256x256", 1.5e6, 7), s.get(1));
  }

  @Test
  void resultsOfAnotherModeAreRefused() throws IOException {
    JsonNode avg = new ObjectMapper().readTree(RESULTS.replace("\"sample\"", "\"avgt\""));
    assertThrows(IOException.class, () -> CpuProfiler.samples(avg));
  }

  @Test
  void jmhIsAskedForSampleTimeOfOneMethodOverEveryShape() {
    CpuProfiler.Plan p = new CpuProfiler.Plan("gemmF64", Op.GEMM, Dtype.FP64,
        List.of("1x2560x2560", "32x2560x2560"));
    List<String> c = CpuProfiler.jmhCommand(Path.of("b.jar"), p, 4,
        CpuProfiler.Timing.of(false), 1, Path.of("r.json"));
    String line = String.join(" ", c);
    assertTrue(line.contains(" -jar b.jar ^dev\\.weft\\.bench\\.cpu\\.CpuBench\\.gemmF64$ "),
        line);
    assertTrue(line.contains(" -p shape=1x2560x2560,32x2560x2560 -p threads=4 -bm sample -tu ns"
        + " -wi 3 -w 600ms -i 5 -r 600ms -f 1 "), line);
    assertTrue(line.endsWith(" -rf json -rff r.json"), line);
  }

  @Test
  void shapesBecomeQueries() {
    CpuProfiler.Plan gemm = CpuProfiler.plans(true).get(0);
    KernelQuery q = CpuProfiler.query("cpu", gemm, "8x256x512");
    assertEquals(List.of(8L, 256L, 512L), List.of(q.m(), q.n(), q.k()));
    CpuProfiler.Plan copy = CpuProfiler.plans(true).get(2);
    assertEquals(Op.COPY, copy.op());
    assertEquals(1048576L, CpuProfiler.query("cpu", copy, "1048576").bytes());
  }
}
