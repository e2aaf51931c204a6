package dev.weft.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository and commit a published profile was taken from, read from the README that
 * describes the shared data ("From owner/repo at commit SHA"), so that imported rows credit
 * their source without the importer hard-coding it.
 */
final class Provenance {
  private Provenance() {}

  /** {@code owner/repo@sha7}, or {@code owner/repo} when no README above {@code dir} says. */
  static String of(Path dir, String repo) {
    Pattern p = Pattern.compile(Pattern.quote(repo) + "\\s+at\\s+commit\\s+([0-9a-f]{7,40})",
        Pattern.CASE_INSENSITIVE);
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path readme = d.resolve("README.md");
      if (Files.isRegularFile(readme)) {
        try {
          Matcher m = p.matcher(Files.readString(readme).replaceAll("\\s+", " "));
          if (m.find()) {
            return repo + "@" + m.group(1).substring(0, 7);
          }
        } catch (IOException e) {
          // unreadable README: fall through to the next one up
        }
      }
    }
    return repo;
  }
}
