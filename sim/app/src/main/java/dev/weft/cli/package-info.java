/**
 * The {@code weft} command line (picocli): {@code run}, {@code validate}, {@code schema}. Maps
 * bad input to exit code 2 with one {@code FILE:LINE:COLUMN: message} line per problem and
 * internal failures to exit code 1. Depends on everything in the app.
 */
package dev.weft.cli;
