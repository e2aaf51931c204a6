package dev.weft.yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario file with its {@code include:} files merged under it: each included file is read
 * (with its own includes) and merged in order, then the file itself on top (maps key by key,
 * anything else replaced). Every node keeps the position it was written at, so an error in an
 * included file points into that file.
 */
public final class Includes {
  private static final int MAX_INCLUDE_DEPTH = 16;

  private Includes() {}

  /**
   * Environment variable listing further folders (separated by the path separator, ':' on
   * Unix) that included files may come from; without it, includes stay in the folder of the
   * scenario file named on the command line, or below it.
   */
  public static final String ALLOW_ENV = "WEFT_INCLUDE_PATH";

  /** Reads {@code file} and everything it includes into one tree. */
  public static YNode read(Path file) throws InputException {
    return read(file, allowedRoots(file, System.getenv(ALLOW_ENV)));
  }

  /** As {@link #read(Path)}, with includes confined to {@code roots}. */
  static YNode read(Path file, List<Path> roots) throws InputException {
    return read(file, Location.shown(file), new LinkedHashSet<>(), 0, roots);
  }

  /** The scenario's folder, and those {@code allowed} lists. */
  static List<Path> allowedRoots(Path scenario, String allowed) {
    List<Path> roots = new ArrayList<>();
    Path parent = scenario.toAbsolutePath().normalize().getParent();
    roots.add(real(parent == null ? scenario.toAbsolutePath() : parent));
    if (allowed != null) {
      for (String dir : allowed.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          roots.add(real(Path.of(dir.strip()).toAbsolutePath().normalize()));
        }
      }
    }
    return roots;
  }

  /** The path with links resolved as far as it exists, so a link cannot leave a root. */
  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static YNode read(Path file, String shownAs, Set<Path> chain, int depth,
      List<Path> roots) throws InputException {
    Path key = file.toAbsolutePath().normalize();
    YNode tree = YamlReader.readFile(file, shownAs);
    if (!(tree instanceof YNode.Mapping map)) {
      // the content is not quoted: an included file may be anything (a key file, a .env)
      throw new InputException(tree.where(), (depth == 0 ? "a scenario file" : "an included"
          + " file") + " must be a YAML map of keys; this one holds "
          + (tree instanceof YNode.Seq ? "a list" : "a single value"));
    }
    YNode.Entry include = map.entries().get("include");
    if (include == null) {
      return tree;
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      throw new InputException(include.keyAt(), "includes nested deeper than "
          + MAX_INCLUDE_DEPTH);
    }
    chain.add(key);
    List<YNode> paths = include.value() instanceof YNode.Seq seq ? seq.items()
        : List.of(include.value());
    YNode merged = null;
    List<InputError> errors = new ArrayList<>();
    for (YNode p : paths) {
      if (!(p instanceof YNode.Scalar s) || s.isNull()) {
        errors.add(new InputError(p.where(), "'include' takes file paths"));
        continue;
      }
      Path target = (file.toAbsolutePath().getParent() == null ? Path.of(s.text())
          : file.toAbsolutePath().getParent().resolve(s.text())).normalize();
      Path realTarget = real(target);
      if (roots.stream().noneMatch(realTarget::startsWith)) {
        errors.add(new InputError(p.where(), "included file '" + Text.value(s.text())
            + "' lies outside the scenario's folder; copy it there, or allow its folder with"
            + " the environment variable " + ALLOW_ENV));
        continue;
      }
      if (chain.contains(target)) {
        errors.add(new InputError(p.where(), "include cycle: '" + Text.value(s.text())
            + "' is already being read"));
        continue;
      }
      if (!Files.isRegularFile(target)) {
        errors.add(new InputError(p.where(), "included file not found: '" + Text.value(s.text()) + "'"));
        continue;
      }
      try {
        YNode inc = read(target, Location.shown(target), chain, depth + 1, roots);
        merged = merged == null ? inc : TreeOps.merge(merged, inc);
      } catch (InputException e) {
        errors.addAll(e.errors());
      }
    }
    chain.remove(key);
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    LinkedHashMap<String, YNode.Entry> own = new LinkedHashMap<>(map.entries());
    own.remove("include");
    YNode self = new YNode.Mapping(own, map.where());
    return merged == null ? self : TreeOps.merge(merged, self);
  }
}
