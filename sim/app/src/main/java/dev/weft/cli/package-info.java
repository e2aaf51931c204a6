/**
 * The {@code weft} command line (picocli): {@code run}, {@code validate}, {@code schema}, {@code
 * sweep} and {@code kernels} with one class per subcommand. Maps bad input to exit code 2 with
 * one {@code FILE:LINE:COLUMN: message} line per problem and internal failures to exit code 1.
 * The top of the app: may depend on every app package and the model; nothing depends on it.
 */
package dev.weft.cli;
