package dev.weft.cli;

import dev.weft.experiment.Weft;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./weft}. */
@Command(name = "weft", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Discrete-event testbed for decentralized AI-compute networks.",
    subcommands = {RunCmd.class, ValidateCmd.class, SchemaCmd.class, SweepCmd.class,
        CapacityCmd.class,
        CompareCmd.class,
        KernelsCmd.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Exit codes of CONTRACT section 1. */
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err,
        true)));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> INTERNAL);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> Failures.report(ex, err));
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("weft: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help' for usage.");
      return BAD_INPUT;
    });
    if (args.length > 0 && !args[0].startsWith("-")
        && !cl.getSubcommands().containsKey(args[0])) {
      // picocli would let a --help after an unknown word print the top-level help and exit 0
      err.println("weft: unknown command '" + dev.weft.yaml.Text.clean(args[0], 60) + "'"
          + dev.weft.yaml.Suggest.didYouMean(args[0], cl.getSubcommands().keySet())
          + "; commands: " + String.join(", ", cl.getSubcommands().keySet()));
      err.flush();
      return BAD_INPUT;
    }
    int code;
    try {
      code = cl.execute(args);
    } catch (Error e) { // picocli passes Errors on: out of memory, stack overflow
      code = Failures.report(e, err);
    }
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this),
        "missing command: "
        + String.join(", ", new CommandLine(this).getSubcommands().keySet()));
  }

  /** Prints the version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"weft " + Weft.version()};
    }
  }
}
