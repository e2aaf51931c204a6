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

  /** Reads {@code file} and everything it includes into one tree. */
  public static YNode read(Path file) throws InputException {
    return read(file, Location.shown(file), new LinkedHashSet<>(), 0);
  }

  private static YNode read(Path file, String shownAs, Set<Path> chain, int depth)
      throws InputException {
    Path key = file.toAbsolutePath().normalize();
    YNode tree = YamlReader.readFile(file, shownAs);
    if (!(tree instanceof YNode.Mapping map)) {
      throw new InputException(tree.where(), "a scenario file must be a map of keys, found "
          + tree.describe());
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
      if (chain.contains(target)) {
        errors.add(new InputError(p.where(), "include cycle: '" + s.text()
            + "' is already being read"));
        continue;
      }
      if (!Files.isRegularFile(target)) {
        errors.add(new InputError(p.where(), "included file not found: '" + s.text() + "'"));
        continue;
      }
      try {
        YNode inc = read(target, Location.shown(target), chain, depth + 1);
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
