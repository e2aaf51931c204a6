package dev.weft.cli;

import dev.weft.experiment.Replications;
import dev.weft.experiment.Sweep;
import dev.weft.experiment.SweepReport;
import dev.weft.report.Csv;
import dev.weft.report.OutputFolder;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft sweep}: a grid of runs, appended to results.csv as each finishes; resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run a grid of parameter points x replications. results.csv gains one row per"
        + " finished run, so an interrupted sweep resumes where it stopped; report.html plots"
        + " the metrics against the first parameter.")
final class SweepCmd implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.yaml")
  Path file;

  @Option(names = "--param", required = true, paramLabel = "PATH=V1,V2,...",
      description = "A swept path and its values (repeatable; the grid is their product).")
  List<String> params;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Fixed overrides.")
  List<String> overrides = List.of();

  @Option(names = "--replications", defaultValue = "1", paramLabel = "N")
  int replications;

  @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark")
  String engine;

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
    if (!engine.equals("local")) {
      err.println("--engine " + engine + ": only 'local' is available in this build");
      return Main.BAD_INPUT;
    }
    if (replications < 1 || replications > 10_000) {
      err.println("--replications must be between 1 and 10000");
      return Main.BAD_INPUT;
    }
    List<Sweep.Param> grid = new ArrayList<>();
    List<InputError> errors = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      String p = params.get(i);
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        errors.add(new InputError(new Location("--param", i + 1, 1),
            "'" + p + "' must look like PATH=V1,V2,..."));
        continue;
      }
      grid.add(new Sweep.Param(p.substring(0, eq).strip(), splitValues(p.substring(eq + 1))));
    }
    if (!errors.isEmpty()) {
      return Inputs.report(new InputException(errors), err);
    }
    List<List<String>> points = Sweep.points(grid);
    List<ScenarioLoader.Loaded> loaded = new ArrayList<>();
    for (List<String> point : points) {
      List<String> sets = new ArrayList<>(overrides);
      for (int i = 0; i < grid.size(); i++) {
        sets.add(grid.get(i).path() + "=" + point.get(i));
      }
      try {
        loaded.add(ScenarioLoader.load(file, sets));
      } catch (InputException e) {
        return Inputs.report(e, err);
      }
    }
    String name = loaded.get(0).scenario().name();
    Path dir = (out != null ? out : RunCmd.defaultReports().resolve(name + "-sweep"))
        .toAbsolutePath().normalize();
    claim = OutputFolder.claim(dir); // refuses a folder Weft did not write, a run's, a busy one
    Path results = claim.file("results.csv");
    String identity = identity(loaded.get(0).scenario(), grid, overrides);
    Path manifest = claim.file(MANIFEST);
    if (Files.exists(results)) {
      String clash = clash(results, manifest, identity, grid);
      if (clash != null) {
        err.println(results + ": " + clash + "; choose another --out, or delete the folder to"
            + " start over");
        return Main.BAD_INPUT;
      }
    }
    Files.writeString(manifest, identity, StandardCharsets.UTF_8);
    dropTruncatedLine(results);
    List<SweepReport.Row> rows = readExisting(results, grid.size());
    Set<String> done = new HashSet<>();
    for (SweepReport.Row r : rows) {
      done.add(r.point() + "#" + r.replication());
    }
    List<String> header = rows.isEmpty() ? null : readHeader(results);
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(1, Runtime.getRuntime().availableProcessors()));
    List<Future<SweepReport.Row>> futures = new ArrayList<>();
    int skipped = 0;
    for (int pi = 0; pi < points.size(); pi++) {
      for (int r = 0; r < replications; r++) {
        List<String> point = points.get(pi);
        if (done.contains(point + "#" + r)) {
          skipped++;
          continue;
        }
        ScenarioLoader.Loaded l = loaded.get(pi);
        int rep = r;
        futures.add(pool.submit(() -> new SweepReport.Row(point, rep,
            Sweep.run(l.scenario(), l.resources(), rep))));
      }
    }
    if (skipped > 0) {
      stdout.println("resuming: " + skipped + " runs already in " + results);
    }
    try (BufferedWriter w = Files.newBufferedWriter(results, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (Future<SweepReport.Row> f : futures) {
        SweepReport.Row row = f.get();
        if (header == null) {
          header = new ArrayList<>();
          for (Sweep.Param p : grid) {
            header.add(p.path());
          }
          header.add("replication");
          header.add("seed");
          header.addAll(row.metrics().keySet());
          w.write(String.join(",", header.stream().map(Csv::field).toList()));
          w.write('\n');
        }
        List<String> cells = new ArrayList<>();
        for (String v : row.point()) {
          cells.add(Csv.field(v));
        }
        cells.add(Integer.toString(row.replication()));
        cells.add(Long.toString(Replications.seed(loaded.get(0).scenario().seed(),
            row.replication())));
        for (String h : header.subList(grid.size() + 2, header.size())) {
          Double v = row.metrics().get(h);
          cells.add(v == null || v.isNaN() ? "" : Double.toString(v));
        }
        w.write(String.join(",", cells));
        w.write('\n');
        w.flush(); // a finished run is never lost
        rows.add(row);
        stdout.println("done " + row.point() + " replication " + row.replication());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a run of the sweep failed: " + e.getCause(),
          e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Map<String, String> charts = SweepReport.charts(grid, rows,
        chartMetrics == null ? SweepReport.CHARTED : chartMetrics);
    Files.writeString(claim.file("report.html"), SweepReport.html(name,
        loaded.get(0).scenario().description(), grid, rows, charts), StandardCharsets.UTF_8);
    stdout.println(name + " sweep: " + rows.size() + " runs -> " + dir);
    return Main.OK;
  }

  /** Splits V1,V2 at top-level commas, so {a: 1, b: 2} stays one value. */
  static List<String> splitValues(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().strip());
    return out;
  }


  static List<String> parseLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** What a resumed sweep must share with the one that wrote the folder. */
  static final String MANIFEST = ".weft-sweep";

  /**
   * The experiment a results.csv belongs to: scenario, seed, swept paths and fixed overrides.
   * The swept values and the replications may grow between resumptions; these may not.
   */
  static String identity(dev.weft.scenario.Scenario s, List<Sweep.Param> grid,
      List<String> overrides) {
    StringBuilder b = new StringBuilder();
    b.append("scenario: ").append(s.name()).append('\n');
    b.append("seed: ").append(s.seed()).append('\n');
    for (Sweep.Param p : grid) {
      b.append("param: ").append(p.path()).append('\n');
    }
    for (String o : overrides) {
      b.append("set: ").append(o).append('\n');
    }
    return b.toString();
  }

  /** Why the results.csv there is not this sweep's, or null when it is. */
  static String clash(Path results, Path manifest, String identity, List<Sweep.Param> grid)
      throws IOException {
    if (Files.exists(manifest)) {
      String was = Files.readString(manifest, StandardCharsets.UTF_8);
      return was.equals(identity) ? null : "holds another sweep ("
          + was.strip().replace('\n', ';') + "), not this one ("
          + identity.strip().replace('\n', ';') + ")";
    }
    if (Files.size(results) == 0) {
      return null;
    }
    List<String> header = readHeader(results);
    List<String> expected = new ArrayList<>();
    for (Sweep.Param p : grid) {
      expected.add(p.path());
    }
    expected.add("replication");
    expected.add("seed");
    return header.size() >= expected.size()
        && header.subList(0, expected.size()).equals(expected) ? null
        : "holds a sweep over " + header.subList(0, Math.min(header.size(),
            expected.size())) + ", not over " + expected;
  }

  /** A crash can leave half a row; cut the file back to its last complete line. */
  static void dropTruncatedLine(Path results) throws IOException {
    if (!Files.exists(results)) {
      return;
    }
    byte[] b = Files.readAllBytes(results);
    int end = b.length;
    while (end > 0 && b[end - 1] != '\n') {
      end--;
    }
    if (end != b.length) {
      Files.write(results, java.util.Arrays.copyOf(b, end));
    }
  }

  static List<String> readHeader(Path results) throws IOException {
    return parseLine(Files.readAllLines(results, StandardCharsets.UTF_8).get(0));
  }

  /** Rows already in results.csv (a truncated last line from a crash is ignored). */
  static List<SweepReport.Row> readExisting(Path results, int nParams) throws IOException {
    List<SweepReport.Row> rows = new ArrayList<>();
    if (!Files.exists(results)) {
      return rows;
    }
    List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return rows;
    }
    List<String> header = parseLine(lines.get(0));
    if (header.size() < nParams + 2) {
      throw new IOException(results + ":1: the header lacks the parameter, replication and"
          + " seed columns (edited by hand?); restore it or delete the folder to start over");
    }
    for (int n = 1; n < lines.size(); n++) {
      List<String> cells = parseLine(lines.get(n));
      if (cells.size() != header.size()) {
        continue;
      }
      Map<String, Double> m = new LinkedHashMap<>();
      try {
        for (int i = nParams + 2; i < header.size(); i++) {
          m.put(header.get(i), cells.get(i).isEmpty() ? Double.NaN
              : Double.parseDouble(cells.get(i)));
        }
        rows.add(new SweepReport.Row(cells.subList(0, nParams), Integer.parseInt(
            cells.get(nParams)), m));
      } catch (NumberFormatException e) { // the cell is not echoed: it may be anything
        throw new IOException(results + ":" + (n + 1) + ": a metric or replication cell is not"
            + " a number (edited by hand?); restore the row or delete it to run it again");
      }
    }
    return rows;
  }
}
