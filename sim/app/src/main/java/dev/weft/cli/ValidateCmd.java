package dev.weft.cli;

import dev.weft.compare.MetricCatalog;
import dev.weft.compare.ProposalLoader;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.Includes;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.Overrides;
import dev.weft.yaml.YNode;
import dev.weft.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft validate FILE...}: parse and check only. A governance proposal (a file with a
 * {@code proposal} key) is checked as {@code compare} would check it, against the scenario its
 * {@code base} names; checking scenario keys on it would only report the keys it lacks.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Parse and check scenario files, and proposals against their base; prints ok"
        + " or every error as FILE:LINE:COLUMN.")
final class ValidateCmd implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SCENARIO.yaml",
      description = "Scenario or proposal files.")
  List<Path> files;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Override a value before checking (repeatable).")
  List<String> overrides = List.of();

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    int code = Main.OK;
    for (Path f : files) {
      try {
        YNode.Scalar base = proposalBase(f);
        if (base == null) {
          ScenarioLoader.load(f, overrides);
        } else {
          Path baseFile = f.toAbsolutePath().getParent().resolve(base.text()).normalize();
          List<InputError> overrideErrors = new ArrayList<>();
          YNode tree = Overrides.apply(Includes.read(baseFile), overrides, overrideErrors);
          ScenarioLoader.Loaded baseline = ScenarioLoader.bind(tree, overrideErrors);
          new ProposalLoader(baseFile, tree, baseline, MetricCatalog.of(tree)).load(f);
        }
        out.println(files.size() > 1 ? f + ": ok" : "ok");
      } catch (InputException e) {
        code = Inputs.report(e, err);
      }
    }
    return code;
  }

  /**
   * The {@code base} of a proposal file, or null when {@code f} is a scenario (no
   * {@code proposal} key). A proposal without a usable {@code base} has no scenario to be
   * checked against: that is its error.
   */
  private static YNode.Scalar proposalBase(Path f) throws InputException {
    YNode root = YamlReader.readFile(f, Location.shown(f));
    if (!(root instanceof YNode.Mapping m) || m.get("proposal") == null) {
      return null;
    }
    YNode base = m.get("base");
    if (base instanceof YNode.Scalar s && !s.isNull()) {
      return s;
    }
    throw new InputException(base == null ? m.get("proposal").where() : base.where(),
        "a proposal checked alone needs 'base: PATH' naming its baseline scenario (or check"
            + " it with: weft compare BASELINE.yaml PROPOSAL.yaml)");
  }
}
