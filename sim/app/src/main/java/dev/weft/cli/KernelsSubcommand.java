package dev.weft.cli;

import dev.weft.yaml.InputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * What every {@code weft kernels} subcommand shares: {@code --models}, its output streams, and
 * bad input turned into exit code 2 (positioned errors one per line).
 */
abstract class KernelsSubcommand implements Callable<Integer> {
  @Spec
  CommandLine.Model.CommandSpec spec;
  @Mixin
  ModelsOption models;

  @Override
  public final Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } catch (InputException e) {
      return Inputs.report(e, err);
    } catch (IllegalArgumentException e) {
      if (!argumentsAreInput()) {
        throw e;
      }
      err.println("weft: " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }

  /** The subcommand's work; returns the exit code. */
  abstract int run(PrintWriter out, PrintWriter err) throws Exception;

  /**
   * Whether an {@link IllegalArgumentException} means bad options or values (exit 2 with its
   * message) rather than a bug (an internal error with its stack trace).
   */
  boolean argumentsAreInput() {
    return false;
  }
}
