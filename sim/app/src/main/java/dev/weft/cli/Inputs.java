package dev.weft.cli;

import dev.weft.scenario.Outputs;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints input errors the one way the contract fixes, and notes on what a command skips. */
final class Inputs {
  private Inputs() {}

  static int report(InputException e, PrintWriter err) {
    for (InputError x : e.errors()) {
      err.println(x);
    }
    return Main.BAD_INPUT;
  }

  /**
   * Tells the user, on standard error, that the per-run files {@code o} asks for (trace,
   * requests, stake log) are written by {@code weft run} only and {@code command} writes none,
   * rather than leaving the setting silently without effect.
   */
  static void notePerRunOutputs(Outputs o, String command, PrintWriter err) {
    List<String> asked = new ArrayList<>();
    if (o.trace()) {
      asked.add("outputs.trace");
    }
    if (o.requests()) {
      asked.add("outputs.requests");
    }
    if (o.stake()) {
      asked.add("outputs.stake");
    }
    if (asked.isEmpty()) {
      return;
    }
    err.println("note: " + String.join(", ", asked) + (asked.size() == 1 ? " asks" : " ask")
        + " for files of one run, which"
        + " `weft run` writes; `weft " + command + "` writes none of them");
  }
}
