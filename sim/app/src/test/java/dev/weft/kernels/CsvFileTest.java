package dev.weft.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV rows with the line and column of every field, and the writer's quoting. */
class CsvFileTest {
  @TempDir
  Path dir;

  @Test
  void everyFieldKnowsWhereItStarts() throws Exception {
    // columns counted by hand: "a,bb,,d" puts a at 1, bb at 3, the empty field at 6, d at 7
    List<CsvFile.Row> rows = CsvFile.parse("a,bb,,d\n x ,\"y,z\",w\n", "t.csv");
    assertEquals(2, rows.size());
    CsvFile.Row r = rows.get(0);
    assertEquals(1, r.line());
    assertArrayEquals(new String[] {"a", "bb", "", "d"}, r.fields());
    assertArrayEquals(new int[] {1, 3, 6, 7}, r.columns());
    assertEquals(8, r.end());
    r = rows.get(1);
    assertEquals(2, r.line());
    assertArrayEquals(new String[] {" x ", "y,z", "w"}, r.fields(), "kept as written");
    assertArrayEquals(new int[] {1, 5, 11}, r.columns());
  }

  @Test
  void lineEndsByteOrderMarkAndBlankLines() throws Exception {
    List<CsvFile.Row> rows = CsvFile.parse("\uFEFFh,i\r\n\r\n  \r\n1,2\r\n", "t.csv");
    assertEquals(4, rows.size());
    assertArrayEquals(new String[] {"h", "i"}, rows.get(0).fields(), "no mark in the header");
    assertEquals(1, rows.get(0).columns()[0]);
    assertTrue(rows.get(1).blank());
    assertTrue(rows.get(2).blank());
    assertFalse(rows.get(3).blank());
    assertEquals(4, rows.get(3).line());
    assertEquals(List.of(), CsvFile.parse("", "t.csv"));
  }

  @Test
  void aQuotedFieldOverTwoLinesKeepsTheLinesAfterItRight() throws Exception {
    List<CsvFile.Row> rows = CsvFile.parse("a,\"b\nc\"\nd,e\n", "t.csv");
    assertEquals("b\nc", rows.get(0).fields()[1]);
    assertEquals(3, rows.get(1).line());
  }

  @Test
  void badQuotesArePlacedAtTheFieldAndQuoteNothing() {
    InputException e = assertThrows(InputException.class,
        () -> CsvFile.parse("h,i\nsecret,\"unclosed\nmore,text\n", "t.csv"));
    InputError err = e.errors().get(0);
    assertEquals("t.csv:2:8", err.where().toString());
    assertEquals("a quoted field has no closing quote", err.message());
    e = assertThrows(InputException.class,
        () -> CsvFile.parse("h,i\n\"secret\"tail,x\n", "t.csv"));
    assertEquals("t.csv:2:1", e.errors().get(0).where().toString());
    assertFalse(e.getMessage().contains("secret") || e.getMessage().contains("tail"),
        e.getMessage());
  }

  @Test
  void unreadableFilesSayWhy() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, new byte[] {'a', ',', (byte) 0xff, '\n'});
    assertEquals("t.csv:1:1: file is not valid UTF-8 text", assertThrows(InputException.class,
        () -> CsvFile.read(bad, "t.csv")).getMessage());
    assertEquals("t.csv:1:1: file not found", assertThrows(InputException.class,
        () -> CsvFile.read(dir.resolve("none.csv"), "t.csv")).getMessage());
  }

  @Test
  void theWriterQuotesOnlyWhatNeedsIt() throws Exception {
    StringWriter s = new StringWriter();
    try (CsvFile.RowWriter w = CsvFile.writer(s)) {
      w.write("h100-sxm", "", " spaced ", "2.5e-05", "#tag");
      w.write("a,b", "say \"hi\"", "two\nlines");
    }
    assertEquals("h100-sxm,, spaced ,2.5e-05,#tag\n\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n",
        s.toString());
    List<CsvFile.Row> back = CsvFile.parse(s.toString(), "t.csv");
    assertArrayEquals(new String[] {"a,b", "say \"hi\"", "two\nlines"}, back.get(1).fields());
  }
}
