package dev.weft.report;

import dev.weft.economics.StakeListener;
import dev.weft.scenario.Scenario;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code metrics/stake.csv} (outputs.stake): each operator's own bonded stake at the start and
 * every change after it, with its cause, written as the run goes: a step function a reader can
 * replay or plot, in rows that grow with the stake's changes, not with the simulated time.
 * METRICS.md, "Stake over time".
 */
public final class StakeCsv implements StakeListener, Closeable {
  /** The header line. */
  public static final String HEADER = "time,operator,class,stake,cause\n";

  private final String[] classOfNode;
  private final BufferedWriter out;

  public StakeCsv(Scenario scenario, Path file) throws IOException {
    classOfNode = scenario.classOfNode();
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write(HEADER);
  }

  @Override
  public void stakeChanged(double time, int operator, double tokens, String cause) {
    try {
      // numbers as operators.csv writes them (2000, not 2000.0 or 2.0E3); the class quoted
      out.write(Csv.num(time) + "," + operator + "," + Csv.field(classOfNode[operator]) + ","
          + Csv.num(tokens) + "," + cause + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
