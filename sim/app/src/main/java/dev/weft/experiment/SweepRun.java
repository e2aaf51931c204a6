package dev.weft.experiment;

import dev.weft.report.Csv;
import dev.weft.run.Resources;
import dev.weft.run.RunResult;
import dev.weft.run.TimeSeries;
import dev.weft.scenario.Scenario;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A sweep's runs and its two files: results.csv (one row per finished run: parameter values,
 * replication, seed, every summary metric) and timeseries.csv (every sampled series of every
 * run in long format: parameter values, replication, time, series, value). A row is appended
 * and flushed the moment its run finishes, in whatever order runs finish, so a kill loses no
 * finished run; at the end both files are rewritten in (point, replication) order, so the
 * bytes do not depend on the number of threads. Points are made from their index as they are
 * submitted, at most two per thread in flight: memory does not grow with the grid.
 */
public final class SweepRun {
  public static final String RESULTS = "results.csv";
  public static final String SERIES = "timeseries.csv";

  /** A point's scenario and the data it refers to. */
  public record Point(Scenario scenario, Resources resources) {}

  /** Loads the scenario of a point (the values of {@link Sweep.Design#paths}, in order). */
  public interface Loader {
    Point load(List<String> point) throws Exception;
  }

  /** Stop adding replications to a point once {@code metric}'s 95% half-width is this small. */
  public record Tolerance(String metric, double halfWidth) {}

  /** A point could not be loaded (a combination the per-value checks could not see). */
  public static final class PointError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PointError(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final Path dir;
  private final Sweep.Design design;
  private final long seed;
  private final Loader loader;
  private final Consumer<String> log;
  private final int nParams;
  private List<String> header;

  public SweepRun(Path dir, Sweep.Design design, long seed, Loader loader,
      Consumer<String> log) {
    this.dir = dir;
    this.design = design;
    this.seed = seed;
    this.loader = loader;
    this.log = log;
    this.nParams = design.paths().size();
  }

  /**
   * Runs every (point, replication) not yet in results.csv, then, with a tolerance, further
   * replications of the points whose interval is still too wide; returns every row.
   */
  public List<SweepReport.Row> run(int replications, int maxReplications, Tolerance tol,
      int threads) throws IOException {
    Path results = dir.resolve(RESULTS);
    Path series = dir.resolve(SERIES);
    SweepFiles.dropTruncatedLine(results);
    SweepFiles.dropTruncatedLine(series);
    List<SweepReport.Row> rows = SweepFiles.readRows(results, nParams);
    header = rows.isEmpty() && !Files.exists(results) ? null : SweepFiles.readHeader(results);
    if (header != null && header.isEmpty()) {
      header = null;
    }
    Set<String> done = new HashSet<>();
    for (SweepReport.Row r : rows) {
      done.add(key(r.point()) + "#" + r.replication());
    }
    if (!done.isEmpty()) {
      log.accept("resuming: " + done.size() + " runs already in " + results);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (BufferedWriter rw = Files.newBufferedWriter(results, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        BufferedWriter sw = Files.newBufferedWriter(series, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      if (Files.size(series) == 0) {
        sw.write(String.join(",", design.paths().stream().map(Csv::field).toList())
            + (nParams > 0 ? "," : "") + "replication,time,series,value\n");
      }
      Round round = new Round(pool, threads, rw, sw, rows);
      for (long i = 0; i < design.size(); i++) {
        for (int r = 0; r < replications; r++) {
          if (!done.contains(key(design.point(i)) + "#" + r)) {
            round.submit(design.point(i), r);
          }
        }
      }
      round.finish();
      while (tol != null) {
        Map<String, List<Double>> byPoint = new HashMap<>();
        for (SweepReport.Row row : rows) {
          byPoint.computeIfAbsent(key(row.point()), k -> new ArrayList<>())
              .add(row.metrics().getOrDefault(tol.metric(), Double.NaN));
        }
        int added = 0;
        for (long i = 0; i < design.size(); i++) {
          List<Double> v = byPoint.getOrDefault(key(design.point(i)), List.of());
          double[] x = v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite)
              .toArray();
          boolean wide = x.length < 2 || Replications.meanAndHalfWidth(x)[1] > tol.halfWidth();
          if (wide && v.size() < maxReplications) {
            round.submit(design.point(i), v.size());
            added++;
          }
        }
        round.finish();
        if (added == 0) {
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> order = new ArrayList<>();
    for (long i = 0; i < design.size(); i++) {
      order.add(key(design.point(i)));
    }
    SweepFiles.sortInPlace(results, nParams, order);
    SweepFiles.sortInPlace(series, nParams, order);
    return SweepFiles.readRows(results, nParams);
  }

  /** Runs in flight, at most two per thread; each written as it finishes. */
  private final class Round {
    private final CompletionService<Object[]> cs;
    private final int limit;
    private final BufferedWriter rw;
    private final BufferedWriter sw;
    private final List<SweepReport.Row> rows;
    private int inFlight;

    Round(ExecutorService pool, int threads, BufferedWriter rw, BufferedWriter sw,
        List<SweepReport.Row> rows) {
      this.cs = new ExecutorCompletionService<>(pool);
      this.limit = 2 * threads;
      this.rw = rw;
      this.sw = sw;
      this.rows = rows;
    }

    void submit(List<String> point, int rep) throws IOException {
      while (inFlight >= limit) {
        take();
      }
      cs.submit(() -> {
        Point p;
        try {
          p = loader.load(point);
        } catch (Exception e) {
          throw new PointError(e);
        }
        RunResult r = Sweep.runResult(p.scenario(), p.resources(), rep);
        return new Object[] {point, rep, SummaryMetrics.of(r), r};
      });
      inFlight++;
    }

    void finish() throws IOException {
      while (inFlight > 0) {
        take();
      }
    }

    @SuppressWarnings("unchecked")
    private void take() throws IOException {
      Object[] done;
      try {
        done = cs.take().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof PointError pe) {
          throw pe;
        }
        throw new IllegalStateException("a run of the sweep failed: " + e.getCause(),
            e.getCause());
      }
      inFlight--;
      List<String> point = (List<String>) done[0];
      int rep = (Integer) done[1];
      Map<String, Double> metrics = (Map<String, Double>) done[2];
      write(point, rep, metrics, (RunResult) done[3]);
      rows.add(new SweepReport.Row(point, rep, metrics));
      log.accept("done " + point + " replication " + rep);
    }

    private void write(List<String> point, int rep, Map<String, Double> metrics, RunResult r)
        throws IOException {
      if (header == null) {
        header = new ArrayList<>(design.paths());
        header.add("replication");
        header.add("seed");
        header.addAll(metrics.keySet());
        rw.write(String.join(",", header.stream().map(Csv::field).toList()));
        rw.write('\n');
      }
      List<String> cells = new ArrayList<>();
      for (String v : point) {
        cells.add(Csv.field(v));
      }
      String prefix = String.join(",", cells) + (cells.isEmpty() ? "" : ",") + rep;
      cells.add(Integer.toString(rep));
      cells.add(Long.toString(Replications.seed(seed, rep)));
      for (String h : header.subList(nParams + 2, header.size())) {
        Double v = metrics.get(h);
        cells.add(v == null || v.isNaN() ? "" : Double.toString(v));
      }
      rw.write(String.join(",", cells));
      rw.write('\n');
      rw.flush(); // a finished run is never lost
      StringBuilder sb = new StringBuilder();
      for (TimeSeries s : new TimeSeries[] {r.series(), r.economySeries()}) {
        if (s == null) {
          continue;
        }
        for (double[] row : s.rows()) {
          for (int c = 1; c < s.columns().size(); c++) {
            if (Double.isFinite(row[c])) {
              sb.append(prefix).append(',').append(row[0]).append(',')
                  .append(Csv.field(s.columns().get(c))).append(',').append(row[c])
                  .append('\n');
            }
          }
        }
      }
      sw.write(sb.toString());
      sw.flush();
    }
  }

  static String key(List<String> point) {
    return String.join("\u0000", point);
  }

  /** Why the results.csv there is not this sweep's, or null when it is. */
  public static String clash(Path results, Path manifest, String identity, List<String> paths)
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
    List<String> h = SweepFiles.readHeader(results);
    List<String> expected = new ArrayList<>(paths);
    expected.add("replication");
    expected.add("seed");
    return h.size() >= expected.size() && h.subList(0, expected.size()).equals(expected)
        ? null : "holds a sweep over " + h.subList(0, Math.min(h.size(), expected.size()))
            + ", not over " + expected;
  }
}
