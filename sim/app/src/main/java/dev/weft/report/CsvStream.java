package dev.weft.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CSV file written row by row as a run goes (the listeners of {@code metrics/requests.csv}
 * and {@code metrics/stake.csv}), so a long run never holds its rows in memory. Rows are
 * written from inside the simulation's callbacks, which cannot throw checked exceptions: a
 * write failure is rethrown unchecked.
 */
public abstract class CsvStream implements Closeable {
  private final BufferedWriter out;

  /** Opens {@code file} and writes {@code header} (a line ending in a newline). */
  protected CsvStream(Path file, String header) throws IOException {
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write(header);
  }

  /** Writes one row, {@code row} without its newline. */
  protected final void row(String row) {
    try {
      out.write(row);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
