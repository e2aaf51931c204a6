package dev.weft.cli;

import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft validate FILE...}: parse and check only. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Parse and check scenario files; prints ok or every error as FILE:LINE:COLUMN.")
final class ValidateCmd implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SCENARIO.yaml", description = "Scenario files.")
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
        ScenarioLoader.load(f, overrides);
        out.println(files.size() > 1 ? f + ": ok" : "ok");
      } catch (InputException e) {
        code = Inputs.report(e, err);
      }
    }
    return code;
  }
}
