package dev.weft.cli;

import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.scenario.yaml.SchemaGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code weft schema}: the JSON Schema of the scenario format. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Print the JSON Schema of the scenario format (generated from the records).")
final class SchemaCmd implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(SchemaGenerator.json(ScenarioLoader.VOCABULARY));
    return Main.OK;
  }
}
