package dev.weft.experiment;

import dev.weft.report.Charts;
import dev.weft.report.Csv;
import dev.weft.report.OutputFolder;
import dev.weft.report.StakeCsv;
import dev.weft.report.Report;
import dev.weft.report.Summary;
import dev.weft.run.Resources;
import dev.weft.run.RunResult;
import dev.weft.run.Trace;
import dev.weft.run.World;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.yaml.RecordWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;

/**
 * One scenario run, with optional replications, written to its output folder: summary.json,
 * metrics/*.csv, report.html, report.md with charts/, scenario.resolved.yaml and, when asked,
 * trace.csv. The folder appears only when everything in it is written.
 */
public final class RunCommand {

  /** What the caller may vary. */
  public record Options(Path out, int replications, DoubleConsumer progress) {}

  private RunCommand() {}

  public static RunResult execute(Scenario scenario, Resources resources, Options opts)
      throws IOException {
    try (OutputFolder folder = new OutputFolder(opts.out())) {
      RunResult main = runOnce(scenario, resources, folder, opts.progress());
      List<RunResult> all = new ArrayList<>();
      all.add(main);
      if (opts.replications() > 1) {
        all.addAll(replicate(scenario, resources, opts.replications()));
      }
      String resolved = RecordWriter.toYaml(scenario, "# Resolved by Weft " + Weft.version()
          + ": includes merged, --set applied, defaults filled.\n"
          + "# Quantities are in base units: seconds, bytes, bits per second, per second.\n",
          folder.target());
      Map<String, Object> extra = new LinkedHashMap<>();
      if (all.size() > 1) {
        extra.put("replications", Replications.summary(all));
      }
      folder.write("summary.json", Summary.json(Summary.tree(main, Weft.version(), extra)));
      folder.write("metrics/timeseries.csv", Csv.timeSeries(main.series()));
      folder.write("metrics/node-classes.csv", Csv.nodeClasses(main.nodeClasses()));
      folder.write("metrics/workloads.csv", Csv.workloads(main));
      if (main.economySeries() != null) {
        folder.write("metrics/economics.csv", Csv.timeSeries(main.economySeries()));
      }
      if (main.economics() != null) {
        folder.write("metrics/operators.csv", Csv.operators(main));
      }
      if (all.size() > 1) {
        folder.write("metrics/replications.csv", replicationsCsv(all));
      }
      folder.write("scenario.resolved.yaml", resolved);
      Map<String, String> charts = Charts.all(main);
      charts.forEach((name, svg) -> folder.write("charts/" + name + ".svg", svg));
      Report report = new Report(scenario, main, charts, resolved, Weft.version());
      if (all.size() > 1) {
        report = report.with(List.of(new ReplicationTable(all.stream().map(RunResult::seed)
            .toList(), all.stream().map(SummaryMetrics::of).toList()).table()));
      }
      folder.write("report.html", report.html());
      folder.write("report.md", report.markdown());
      folder.commit();
      return main;
    }
  }

  private static RunResult runOnce(Scenario scenario, Resources resources,
      OutputFolder folder, DoubleConsumer progress) throws IOException {
    World world = new World(scenario, resources);
    if (scenario.outputs().stake()) {  // metrics/stake.csv, as the run goes (the checks ask for economics)
      try (StakeCsv stake = new StakeCsv(scenario, folder.file("metrics/stake.csv"))) {
        world.stakeLog(stake);
        return runRequests(scenario, world, folder, progress);
      }
    }
    return runRequests(scenario, world, folder, progress);
  }

  private static RunResult runRequests(Scenario scenario, World world, OutputFolder folder,
      DoubleConsumer progress) throws IOException {
    if (scenario.outputs().requests()) {  // issue #15: metrics/requests.csv beside the trace
      try (RequestsCsv requests = new RequestsCsv(scenario, folder.file(
          "metrics/requests.csv"))) {
        return runTraced(scenario, world, requests, folder, progress);
      }
    }
    return runTraced(scenario, world, Trace.NONE, folder, progress);
  }

  private static RunResult runTraced(Scenario scenario, World world, Trace also,
      OutputFolder folder, DoubleConsumer progress) throws IOException {
    if (!scenario.outputs().trace()) {
      return world.trace(also).run(progress);
    }
    try (BufferedWriter w = Files.newBufferedWriter(folder.file("trace.csv"),
        StandardCharsets.UTF_8)) {
      w.write("time,event,job,workload,node\n");
      world.trace((time, event, job, node) -> {
        try {
          w.write(Double.toString(time));
          w.write(',');
          w.write(event.id());
          w.write(',');
          w.write(job == null ? "" : Long.toString(job.id()));
          w.write(',');
          w.write(job == null ? "" : scenario.workload().get(job.workload()).name());
          w.write(',');
          w.write(node < 0 ? "" : Integer.toString(node));
          w.write('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        also.record(time, event, job, node);
      });
      return world.run(progress);
    }
  }

  /** Replications 1..n-1 in parallel; results in replication order, so output is stable. */
  static List<RunResult> replicate(Scenario scenario, Resources resources, int n) {
    int threads = Math.max(1, Math.min(n - 1, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (int r = 1; r < n; r++) {
        Scenario s = scenario.withSeed(Replications.seed(scenario.seed(), r));
        futures.add(pool.submit(() -> new World(s, resources).run()));
      }
      List<RunResult> out = new ArrayList<>();
      for (Future<RunResult> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("replication failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One row per replication: its seed and every summary metric ({@link SummaryMetrics}). */
  static String replicationsCsv(List<RunResult> all) {
    List<Map<String, Double>> flat = all.stream().map(SummaryMetrics::of).toList();
    StringBuilder sb = new StringBuilder("replication,seed");
    for (String m : flat.get(0).keySet()) {
      sb.append(',').append(Csv.field(m));
    }
    sb.append('\n');
    for (int i = 0; i < all.size(); i++) {
      sb.append(i).append(',').append(all.get(i).seed());
      for (String m : flat.get(0).keySet()) {
        double v = flat.get(i).getOrDefault(m, Double.NaN);
        sb.append(',').append(Double.isFinite(v) ? Double.toString(v) : "");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
