package dev.weft.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names of the hidden siblings of an output folder: its staging folder ({@code tmp}), the old
 * report while it is replaced ({@code old}) and its lock file. A long folder name is shortened
 * to a prefix and a hash, so no sibling's name passes the file systems' 255-byte limit.
 */
final class Hidden {
  /** The longest file name most file systems accept, in bytes. */
  static final int MAX_NAME_BYTES = 255;
  private static final int KEEP = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Hidden() {}

  /** The common prefix of the siblings of {@code folder} of one role: ".NAME.ROLE-". */
  static String name(Path folder, String role) {
    return "." + base(folder) + "." + role + "-";
  }

  static String lockName(Path folder) {
    return "." + base(folder) + ".weft-lock";
  }

  /** A fresh sibling of {@code folder} in the given role. */
  static Path sibling(Path folder, String role) {
    return folder.resolveSibling(name(folder, role) + Long.toUnsignedString(RANDOM.nextLong(),
        36));
  }

  private static String base(Path folder) {
    String n = folder.getFileName().toString();
    if (n.getBytes(StandardCharsets.UTF_8).length <= KEEP) {
      return n;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(n.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n.length() && b.length() < KEEP / 2; i++) {
        char c = n.charAt(i);
        b.append(c < 128 && !Character.isISOControl(c) ? c : '_');
      }
      return b + "~" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
