package dev.weft.cli;

import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import java.io.PrintWriter;

/** Prints input errors the one way the contract fixes. */
final class Inputs {
  private Inputs() {}

  static int report(InputException e, PrintWriter err) {
    for (InputError x : e.errors()) {
      err.println(x);
    }
    return Main.BAD_INPUT;
  }
}
