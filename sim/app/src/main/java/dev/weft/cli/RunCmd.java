package dev.weft.cli;

import dev.weft.experiment.RunCommand;
import dev.weft.run.RunResult;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft run SCENARIO}: one scenario, written to its report folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run one scenario and write summary.json, metrics/, report.html, report.md"
        + " and scenario.resolved.yaml.")
final class RunCmd implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
  Path file;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: reports/<scenario name>/).")
  Path out;

  @Option(names = "--seed", paramLabel = "N", description = "Master seed (overrides the file).")
  Long seed;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Override a value, e.g. scheduler.policy=random or nodes[1].count=500"
          + " (repeatable).")
  List<String> overrides = List.of();

  @Option(names = "--replications", paramLabel = "N", defaultValue = "1",
      description = "Independent replications; summary.json gains means and 95%% intervals.")
  int replications;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    var outWriter = spec.commandLine().getOut();
    if (replications < 1 || replications > 10_000) {
      err.println("--replications must be between 1 and 10000, was " + replications);
      return Main.BAD_INPUT;
    }
    Scenario scenario;
    dev.weft.run.Resources resources;
    try {
      ScenarioLoader.Loaded loaded = ScenarioLoader.load(file, overrides);
      scenario = loaded.scenario();
      resources = loaded.resources();
    } catch (InputException e) {
      return Inputs.report(e, err);
    }
    if (seed != null) {
      scenario = scenario.withSeed(seed);
    }
    Path dir = out != null ? out : defaultReports().resolve(scenario.name());
    String refusal = dev.weft.report.OutputFolder.refusal(dir);
    if (refusal != null) {
      err.println((out != null ? "--out: " : "") + refusal);
      return Main.BAD_INPUT;
    }
    try (Progress progress = Progress.onTerminal(scenario.name())) {
      RunResult r = RunCommand.execute(scenario, resources,
          new RunCommand.Options(dir, replications, progress));
      progress.close();
      outWriter.printf(Locale.ROOT, "%s: %d jobs, %d completed, latency mean %.4g s p99 %.4g s;"
          + " %d events in %.2f s -> %s%n", scenario.name(), r.jobs().submitted(),
          r.jobs().completed(), r.jobs().latency().mean(), r.jobs().latency().p99(),
          r.events(), r.wallSeconds(), dir);
    }
    return Main.OK;
  }

  /** reports/ under the Weft checkout when launched through ./weft, else under the cwd. */
  static Path defaultReports() {
    String home = System.getProperty("weft.home");
    return (home != null && !home.isBlank() ? Path.of(home) : Path.of("")).resolve("reports");
  }
}
