package dev.weft.cli;

import dev.weft.experiment.Sweep;
import dev.weft.experiment.SweepReport;
import dev.weft.experiment.SweepRun;
import dev.weft.report.OutputFolder;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.scenario.yaml.RecordWriter;
import dev.weft.yaml.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft sweep}: runs over parameter points, appended to results.csv; resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run parameter points x replications: a grid (--param PATH=V1,V2, linked"
        + " with --link) or a sample of ranges (--param PATH=LO..HI --sample lhs:N|random:N)."
        + " results.csv gains one row per finished run (timeseries.csv its series, long"
        + " format), so an interrupted sweep resumes where it stopped; report.html plots each"
        + " metric against each parameter with 95%% bands.")
final class SweepCmd implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.yaml")
  Path file;

  @Option(names = "--param", required = true, paramLabel = "PATH=V1,V2,...|PATH=LO..HI",
      description = "A swept path and its values, or its range with --sample (repeatable; a"
          + " grid is the product of the values).")
  List<String> params;

  @Option(names = "--link", paramLabel = "PATH,PATH,...", description = "Swept paths that"
      + " change together (value i of each with value i of the others); repeatable.")
  List<String> links = List.of();

  @Option(names = "--sample", paramLabel = "lhs:N|random:N", description = "Sample N points"
      + " of the ranges by Latin hypercube or uniformly at random, instead of a grid.")
  String sample;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Fixed overrides.")
  List<String> overrides = List.of();

  @Option(names = "--replications", defaultValue = "1", paramLabel = "N")
  int replications;

  @Option(names = "--tolerance", paramLabel = "METRIC=HALFWIDTH", description = "Add"
      + " replications to a point until the 95%% interval of METRIC is at most HALFWIDTH wide"
      + " on each side, up to --max-replications.")
  String tolerance;

  @Option(names = "--max-replications", defaultValue = "30", paramLabel = "M")
  int maxReplications;

  @Option(names = "--jobs", paramLabel = "N", description = "Runs at once (default: the"
      + " number of cores); the results do not depend on it.")
  Integer jobs;

  @Option(names = "--out", paramLabel = "DIR", description = "Default: reports/<name>-sweep/.")
  Path out;

  @Option(names = "--charts", split = ",", paramLabel = "METRIC,...",
      description = "Metrics to chart (dotted summary paths); default: the usual ones that vary.")
  List<String> chartMetrics;

  /** The folder's lock and manifest, held from the folder check to the end of the sweep. */
  private OutputFolder.Claim claim;

  @Override
  public Integer call() throws Exception {
    try {
      return sweep();
    } finally {
      if (claim != null) {
        claim.close();
      }
    }
  }

  private Integer sweep() throws Exception {
    var err = spec.commandLine().getErr();
    var stdout = spec.commandLine().getOut();
    int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (replications < 1 || replications > 10_000 || threads < 1 || threads > 1024
        || maxReplications < replications || maxReplications > 10_000) {
      err.println("--replications must be 1..10000, --max-replications at least"
          + " --replications and at most 10000, --jobs 1..1024");
      return Main.BAD_INPUT;
    }
    ScenarioLoader.Loaded base;
    Sweep.Design design;
    SweepRun.Tolerance tol = null;
    try {
      base = ScenarioLoader.load(file, overrides);
      design = SweepDesigns.parse(params, links, sample, base.scenario().seed());
      SweepDesigns.validate(file, overrides, design);
      if (tolerance != null) {
        tol = SweepDesigns.tolerance(tolerance);
      }
    } catch (InputException e) {
      return Inputs.report(e, err);
    }
    Inputs.notePerRunOutputs(base.scenario().outputs(), "sweep", err);
    String name = base.scenario().name();
    Path dir = (out != null ? out : RunCmd.defaultReports().resolve(name + "-sweep"))
        .toAbsolutePath().normalize();
    claim = OutputFolder.claim(dir); // refuses a folder Weft did not write, a run's, a busy one
    Path results = claim.file(SweepRun.RESULTS);
    claim.file(SweepRun.SERIES);
    String identity = identity(base, design, overrides);
    Path manifest = claim.file(MANIFEST);
    if (Files.exists(results)) {
      String clash = SweepRun.clash(results, manifest, identity, design.paths());
      if (clash != null) {
        err.println(results + ": " + clash + "; choose another --out, or delete the folder to"
            + " start over");
        return Main.BAD_INPUT;
      }
    }
    Files.writeString(manifest, identity, StandardCharsets.UTF_8);
    SweepRun run = new SweepRun(dir, design, base.scenario().seed(), point -> {
      List<String> sets = new ArrayList<>(overrides);
      for (int i = 0; i < point.size(); i++) {
        sets.add(design.paths().get(i) + "=" + point.get(i));
      }
      ScenarioLoader.Loaded l = ScenarioLoader.load(file, sets);
      return new SweepRun.Point(l.scenario(), l.resources());
    }, stdout::println);
    List<SweepReport.Row> rows;
    try {
      rows = run.run(replications, maxReplications, tol, threads);
    } catch (SweepRun.PointError e) {
      if (e.getCause() instanceof InputException ie) {
        return Inputs.report(ie, err);
      }
      throw e;
    }
    Map<String, String> charts = SweepReport.charts(design, rows,
        chartMetrics == null ? SweepReport.CHARTED : chartMetrics);
    Files.writeString(claim.file("report.html"), SweepReport.html(name,
        base.scenario().description(), design, rows, charts,
        chartMetrics == null ? SweepReport.CHARTED : chartMetrics), StandardCharsets.UTF_8);
    stdout.println(name + " sweep: " + rows.size() + " runs -> " + dir);
    return Main.OK;
  }

  /** What a resumed sweep must share with the one that wrote the folder. */
  static final String MANIFEST = ".weft-sweep";

  /**
   * The experiment a results.csv belongs to: scenario, seed, swept paths, how points are made,
   * fixed overrides, and a SHA-256 of the resolved scenario (includes merged, overrides
   * applied, defaults filled), so an edited scenario file cannot mix old and new rows. Grid
   * values and replications may grow between resumptions; these may not.
   */
  static String identity(ScenarioLoader.Loaded base, Sweep.Design design,
      List<String> overrides) throws Exception {
    StringBuilder b = new StringBuilder();
    b.append("scenario: ").append(base.scenario().name()).append('\n');
    b.append("seed: ").append(base.scenario().seed()).append('\n');
    for (String p : design.paths()) {
      b.append("param: ").append(p).append('\n');
    }
    if (design instanceof Sweep.Grid g) {
      for (List<Integer> group : g.groups()) {
        if (group.size() > 1) {
          b.append("link: ").append(group.stream().map(i -> g.params().get(i).path()).toList())
              .append('\n');
        }
      }
    } else if (design instanceof Sweep.Sample s) {
      b.append("sample: ").append(s.kind()).append(':').append(s.size()).append(' ')
          .append(s.ranges()).append('\n');
    }
    for (String o : overrides) {
      b.append("set: ").append(o).append('\n');
    }
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(RecordWriter.toYaml(
        base.scenario(), "").getBytes(StandardCharsets.UTF_8));
    b.append("resolved-sha256: ").append(HexFormat.of().formatHex(digest)).append('\n');
    return b.toString();
  }
}
