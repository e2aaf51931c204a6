package dev.weft.kernels;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.weft.yaml.Bounded;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV through Jackson's CSV format ({@code jackson-dataformat-csv}), read into rows whose every
 * field knows its line and column so callers can report {@code FILE:LINE:COLUMN}, and written
 * with quotes only where a field needs them.
 *
 * <p>Fields are kept as written (not trimmed); quoted fields are unquoted. Rows are read as
 * arrays with no schema, so the callers check the header themselves and can say where a column
 * is wrong. The text is read first so that a file that is not UTF-8 gets its own message, and a
 * leading byte-order mark is dropped. Jackson's messages are not passed on: an error quotes no
 * part of the file.
 */
final class CsvFile {
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .build();
  private static final ObjectWriter WRITER = MAPPER.writer(CsvSchema.emptySchema()
      .withLineSeparator("\n"));

  private CsvFile() {}

  /**
   * One record: its line, its fields, the 1-based column each field starts at, and the column
   * just past the last field (where a missing field would have been).
   */
  record Row(int line, String[] fields, int[] columns, int end) {
    int size() {
      return fields.length;
    }

    /** A line with nothing but white space on it. */
    boolean blank() {
      return fields.length == 1 && fields[0].isBlank();
    }
  }

  /** Every row of {@code path}, the header first; {@code shownAs} is the name errors use. */
  static List<Row> read(Path path, String shownAs) throws InputException {
    return parse(Bounded.text(path, MAX_BYTES, shownAs, "a CSV table"), shownAs);
  }

  /** Largest CSV read (kernel tables, --batch): 256 MiB, also from a pipe or device. */
  static final long MAX_BYTES = 256L * 1024 * 1024;

  /** Every row of {@code text}; none for an empty text. */
  static List<Row> parse(String text, String shownAs) throws InputException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    int line = 1;
    int end = 1;
    try (CsvParser p = (CsvParser) MAPPER.getFactory().createParser(body)) {
      p.setSchema(CsvSchema.emptySchema());
      try {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.START_ARRAY) {
            fields.clear();
            columns.clear();
          } else if (t == JsonToken.VALUE_STRING) {
            JsonLocation at = p.currentTokenLocation();
            String f = p.getText();
            if (fields.isEmpty()) {
              line = at.getLineNr();
            }
            fields.add(f);
            columns.add(at.getColumnNr());
            boolean quoted = body.charAt((int) at.getCharOffset()) == '"';
            end = at.getColumnNr() + f.length() + (quoted ? 2 : 0);
          } else if (t == JsonToken.END_ARRAY && !fields.isEmpty()) {
            rows.add(new Row(line, fields.toArray(new String[0]),
                columns.stream().mapToInt(Integer::intValue).toArray(), end));
          }
        }
      } catch (JsonProcessingException e) {
        // at the field being read: Jackson's own location is where it gave up (for a missing
        // closing quote, the end of the file)
        JsonLocation at = p.currentTokenLocation();
        String why = e instanceof StreamConstraintsException ? "a field is too long"
            : e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Missing closing quote")
            ? "a quoted field has no closing quote"
            : "a quoted field must end at its closing quote (double a quote inside it: \"\")";
        throw new InputException(new Location(shownAs, Math.max(1, at.getLineNr()),
            Math.max(1, at.getColumnNr())), why);
      }
    } catch (IOException e) {
      throw new InputException(new Location(shownAs, line, 1), "cannot read: "
          + e.getMessage());
    }
    return rows;
  }

  /** Writes rows of fields to {@code out}, one line each, quoting only where needed. */
  static RowWriter writer(Writer out) throws IOException {
    return new RowWriter(WRITER.writeValues(out));
  }

  /** Rows on their way to a file or a string; close it to flush. */
  static final class RowWriter implements AutoCloseable {
    private final SequenceWriter out;

    private RowWriter(SequenceWriter out) {
      this.out = out;
    }

    void write(String... fields) throws IOException {
      out.write(fields);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
