package dev.weft.cli;

import dev.weft.compare.Comparison;
import dev.weft.compare.ComparisonReport;
import dev.weft.compare.Judge;
import dev.weft.compare.MetricCatalog;
import dev.weft.compare.Proposal;
import dev.weft.compare.ProposalLoader;
import dev.weft.report.OutputFolder;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Includes;
import dev.weft.yaml.YNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft compare BASELINE PROPOSAL...}: governance proposals against a baseline. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare governance proposals with a baseline scenario: both sides run with"
        + " the same seeds (common random numbers); per objective the paired difference with"
        + " its 95%% interval, t-test and Wilcoxon p-values (Holm-adjusted) and a verdict: met,"
        + " not met or inconclusive. Writes comparison.json, comparison.csv, report.md and"
        + " report.html; several proposals are ranked.")
final class CompareCmd implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BASELINE.yaml", description = "The baseline scenario.")
  Path baselineFile;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PROPOSAL.yaml",
      description = "Proposal files (CONTRACT section 3).")
  List<Path> proposalFiles;

  @Option(names = "--replications", paramLabel = "N", defaultValue = "5",
      description = "Replications per side (default 5, at least 2).")
  int replications;

  @Option(names = "--until-decided", description = "Add replications while an objective is"
      + " inconclusive, up to --max-replications.")
  boolean untilDecided;

  @Option(names = "--max-replications", paramLabel = "M", defaultValue = "50",
      description = "Most replications --until-decided runs (default 50).")
  int maxReplications;

  @Option(names = "--jobs", paramLabel = "N", description = "Runs at once (default: the"
      + " number of cores); the results do not depend on it.")
  Integer jobs;

  @Option(names = "--independent-seeds", description = "Give the proposals other seeds than"
      + " the baseline: only to measure what common random numbers buy (BENCHMARKS.md).")
  boolean independentSeeds;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: reports/<baseline name>-compare/).")
  Path out;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    var stdout = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = jobs == null ? cores : jobs;
    if (replications < 2 || replications > 10_000 || maxReplications < replications
        || maxReplications > 10_000 || threads < 1 || threads > 1024) {
      err.println("--replications must be 2..10000, --max-replications at least --replications"
          + " and at most 10000, --jobs 1..1024");
      return Main.BAD_INPUT;
    }
    YNode tree;
    ScenarioLoader.Loaded baseline;
    List<Proposal> proposals = new ArrayList<>();
    try {
      tree = Includes.read(baselineFile);
      baseline = ScenarioLoader.bind(tree, List.of());
      ProposalLoader loader = new ProposalLoader(baselineFile, tree, baseline,
          MetricCatalog.of(tree));
      List<InputError> errors = new ArrayList<>();
      for (Path p : proposalFiles) {
        try {
          proposals.add(loader.load(p));
        } catch (InputException e) {
          errors.addAll(e.errors());
        }
      }
      if (!errors.isEmpty()) {
        throw new InputException(errors);
      }
    } catch (InputException e) {
      return Inputs.report(e, err);
    }
    Inputs.notePerRunOutputs(baseline.scenario().outputs(), "compare", err);
    List<String> ids = proposals.stream().map(Proposal::id).toList();
    if (ids.stream().distinct().count() != ids.size()) {
      err.println("two proposals share a file name " + ids + "; each needs its own");
      return Main.BAD_INPUT;
    }
    Path dir = out != null ? out
        : RunCmd.defaultReports().resolve(baseline.scenario().name() + "-compare");
    String refusal = OutputFolder.refusal(dir);
    if (refusal != null) {
      err.println((out != null ? "--out: " : "") + refusal);
      return Main.BAD_INPUT;
    }
    Comparison.Outcome outcome = Comparison.run(baseline.scenario(), baseline.resources(),
        proposals, new Comparison.Options(replications, untilDecided, maxReplications, threads,
            independentSeeds, line -> stdout.println(line)));
    ComparisonReport report = new ComparisonReport(outcome,
        baselineFile.toString().replace('\\', '/'));
    try (OutputFolder folder = new OutputFolder(dir)) {
      folder.write("comparison.json", report.json());
      folder.write("comparison.csv", report.csv());
      Map<String, String> charts = report.charts();
      charts.forEach((name, svg) -> folder.write("charts/" + name + ".svg", svg));
      folder.write("report.md", report.markdown(charts));
      folder.write("report.html", report.html(charts));
      folder.commit();
    }
    for (Comparison.Ranked r : outcome.proposals()) {
      int[] t = Judge.tally(r.objectives());
      stdout.println("#" + r.rank() + " " + r.proposal().id() + ": " + t[0] + " met, " + t[1]
          + " not met, " + t[2] + " inconclusive");
    }
    stdout.println(outcome.seeds().size() + " replications per side -> " + dir);
    return Main.OK;
  }
}
