package dev.weft.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input: carries every problem found, for the CLI to print one per line and exit 2. */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<InputError> errors;

  public InputException(List<InputError> errors) {
    super(errors.stream().map(InputError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public InputException(Location where, String message) {
    this(List.of(new InputError(where, message)));
  }

  public List<InputError> errors() {
    return errors;
  }
}
