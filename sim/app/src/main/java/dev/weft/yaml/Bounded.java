package dev.weft.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an input file with a size limit that holds whatever the path is: a regular file, a
 * pipe or a device such as {@code /dev/zero}, whose size the file system does not know. The
 * bytes are counted as they are read, so memory stays bounded by the limit.
 */
public final class Bounded {
  private Bounded() {}

  /** The whole text of {@code path}, UTF-8, at most {@code maxBytes}. */
  public static String text(Path path, long maxBytes, String shownAs, String what)
      throws InputException {
    StringBuilder b = new StringBuilder();
    read(path, maxBytes, Integer.MAX_VALUE, shownAs, what, b, null);
    return b.toString();
  }

  /** The lines of {@code path}, each at most {@code maxLine} characters. */
  public static List<String> lines(Path path, long maxBytes, int maxLine, String shownAs,
      String what) throws InputException {
    List<String> out = new ArrayList<>();
    read(path, maxBytes, maxLine, shownAs, what, new StringBuilder(), out);
    return out;
  }

  private static void read(Path path, long maxBytes, int maxLine, String shownAs, String what,
      StringBuilder cur, List<String> lines) throws InputException {
    Location start = new Location(shownAs, 1, 1);
    if (Files.isDirectory(path)) {
      throw new InputException(start, "is a folder, not a file");
    }
    try (InputStream in = new Limited(Files.newInputStream(path), maxBytes);
         Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
             .onMalformedInput(CodingErrorAction.REPORT)
             .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      char[] buf = new char[8192];
      int line = 1;
      int n;
      while ((n = r.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          char c = buf[i];
          if (lines != null && c == '\n') {
            int len = cur.length();
            lines.add(cur.substring(0, len > 0 && cur.charAt(len - 1) == '\r' ? len - 1 : len));
            cur.setLength(0);
            line++;
          } else {
            cur.append(c);
            if (lines != null && cur.length() > maxLine) {
              throw new InputException(new Location(shownAs, line, 1), "line is longer than "
                  + maxLine + " characters, the limit for " + what);
            }
          }
        }
      }
      if (lines != null && !cur.isEmpty()) {
        lines.add(cur.toString());
      }
    } catch (TooLarge e) {
      throw new InputException(start, "is larger than " + mib(maxBytes) + ", the limit for "
          + what);
    } catch (NoSuchFileException e) {
      throw new InputException(start, "file not found");
    } catch (CharacterCodingException e) {
      throw new InputException(start, "file is not valid UTF-8 text");
    } catch (IOException e) {
      throw new InputException(start, "cannot read file: " + Text.value(e.getMessage()));
    }
  }

  private static String mib(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Fails with {@link TooLarge} once more than {@code max} bytes were read. */
  private static final class Limited extends InputStream {
    private final InputStream in;
    private long left;

    Limited(InputStream in, long max) {
      this.in = in;
      this.left = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, (int) Math.min(len, left + 1));
      if (n > 0) {
        left -= n;
        if (left < 0) {
          throw new TooLarge();
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
