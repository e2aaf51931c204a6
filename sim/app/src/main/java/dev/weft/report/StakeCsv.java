package dev.weft.report;

import dev.weft.economics.StakeListener;
import dev.weft.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code metrics/stake.csv} (outputs.stake): each operator's own bonded stake at the start and
 * every change after it, with its cause, written as the run goes: a step function a reader can
 * replay or plot, in rows that grow with the stake's changes, not with the simulated time.
 * METRICS.md, "Stake over time".
 */
public final class StakeCsv extends CsvStream implements StakeListener {
  /** The header line. */
  public static final String HEADER = "time,operator,class,stake,cause\n";

  private final String[] classOfNode;

  public StakeCsv(Scenario scenario, Path file) throws IOException {
    super(file, HEADER);
    classOfNode = scenario.classOfNode();
  }

  @Override
  public void stakeChanged(double time, int operator, double tokens, String cause) {
    // numbers as operators.csv writes them (2000, not 2000.0 or 2.0E3); the class quoted
    row(Csv.num(time) + "," + operator + "," + Csv.field(classOfNode[operator]) + ","
        + Csv.num(tokens) + "," + cause);
  }
}
