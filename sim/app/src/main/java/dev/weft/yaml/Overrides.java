package dev.weft.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --set PATH=VALUE} edits of a tree. VALUE is read as YAML (so maps and lists work) and
 * positioned at the argument: the i-th override is line i of the pseudo-file {@code --set}.
 */
public final class Overrides {
  private static final String FILE = "--set";

  private Overrides() {}

  /**
   * Applies {@code overrides} in order. Bad overrides are added to {@code errors} and skipped,
   * so the rest of the input still gets checked.
   */
  public static YNode apply(YNode tree, List<String> overrides, List<InputError> errors) {
    for (int i = 0; i < overrides.size(); i++) {
      String o = overrides.get(i);
      int eq = o.indexOf('=');
      if (eq <= 0) {
        errors.add(new InputError(new Location(FILE, i + 1, 1),
            "'" + o + "' must look like PATH=VALUE (e.g. scheduler.policy=random)"));
        continue;
      }
      String path = o.substring(0, eq).strip();
      List<TreeOps.Step> steps = TreeOps.parsePath(path);
      if (steps == null) {
        errors.add(new InputError(new Location(FILE, i + 1, 1), "'" + path
            + "' is not a path (use keys and list indexes: nodes[1].count)"));
        continue;
      }
      Location valueAt = new Location(FILE, i + 1, eq + 2);
      YNode value;
      try {
        value = relocate(YamlReader.readString(o.substring(eq + 1), FILE), valueAt);
      } catch (InputException e) {
        for (InputError err : e.errors()) {
          errors.add(new InputError(new Location(FILE, i + 1, eq + 1 + err.where().column()),
              err.message()));
        }
        continue;
      }
      try {
        tree = TreeOps.set(tree, steps, 0, value, valueAt);
      } catch (InputException e) {
        errors.addAll(e.errors());
      }
    }
    return tree;
  }

  /**
   * Sets {@code path} ({@code a.b[1].c}) of {@code tree} to {@code value}, which keeps its own
   * position (a proposal's change points at the proposal file). A bad path is added to
   * {@code errors} at {@code at} and the tree returned unchanged.
   */
  public static YNode set(YNode tree, String path, YNode value, Location at,
      List<InputError> errors) {
    List<TreeOps.Step> steps = TreeOps.parsePath(path);
    if (steps == null) {
      errors.add(new InputError(at, "'" + path
          + "' is not a path (use keys and list indexes: nodes[1].count)"));
      return tree;
    }
    try {
      return TreeOps.set(tree, steps, 0, value, at);
    } catch (InputException e) {
      errors.addAll(e.errors());
      return tree;
    }
  }

  /** The node at {@code path} of {@code tree}, or null when the path is malformed or absent. */
  public static YNode find(YNode tree, String path) {
    List<TreeOps.Step> steps = TreeOps.parsePath(path);
    if (steps == null) {
      return null;
    }
    YNode n = tree;
    for (TreeOps.Step s : steps) {
      if (s.isIndex() && n instanceof YNode.Seq seq && s.index() < seq.items().size()) {
        n = seq.items().get(s.index());
      } else if (!s.isIndex() && n instanceof YNode.Mapping m && m.get(s.key()) != null) {
        n = m.get(s.key());
      } else {
        return null;
      }
    }
    return n;
  }

  /** Gives an override's value the position of the --set argument. */
  private static YNode relocate(YNode v, Location at) {
    Location where = new Location(at.file(), at.line(), at.column() + v.where().column() - 1);
    if (v instanceof YNode.Scalar s) {
      return new YNode.Scalar(s.text(), where);
    }
    if (v instanceof YNode.Seq seq) {
      return new YNode.Seq(seq.items().stream().map(x -> relocate(x, at)).toList(), where);
    }
    YNode.Mapping m = (YNode.Mapping) v;
    LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
      entries.put(e.getKey(), new YNode.Entry(where, relocate(e.getValue().value(), at)));
    }
    return new YNode.Mapping(entries, where);
  }
}
