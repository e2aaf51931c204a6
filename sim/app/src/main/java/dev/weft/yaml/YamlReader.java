package dev.weft.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document into a {@link YNode} tree with positions.
 *
 * <p>SnakeYAML's composer gives every node its start mark; aliases are limited (a
 * billion-laughs file is refused while composing, before anything is expanded), as are nesting
 * depth, input size and the number of nodes after alias expansion.
 */
public final class YamlReader {
  private static final int MAX_ALIASES = 20;
  private static final int MAX_DEPTH = 64;
  private static final int MAX_CODE_POINTS = 16 * 1024 * 1024;
  private static final int MAX_NODES = 2_000_000;
  private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  private YamlReader() {}

  /** Reads {@code path}; {@code shownAs} is the name errors use. */
  public static YNode readFile(Path path, String shownAs) throws InputException {
    return readString(Bounded.text(path, MAX_FILE_BYTES, shownAs, "a YAML file"), shownAs);
  }

  public static YNode readString(String text, String shownAs) throws InputException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(options);
    List<Node> docs = new ArrayList<>();
    try (Reader r = new StringReader(text)) {
      for (Node n : yaml.composeAll(r)) {
        docs.add(n);
        if (docs.size() > 1) {
          Mark m = n.getStartMark();
          throw new InputException(at(shownAs, m), "only one YAML document is allowed per file");
        }
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      if (e.getContext() != null && e.getProblem() != null) {
        problem = e.getProblem() + " (" + e.getContext() + ")";
      }
      throw new InputException(at(shownAs, m), "YAML syntax error: " + oneLine(problem));
    } catch (YAMLException e) {
      throw new InputException(new Location(shownAs, 1, 1), "YAML error: " + oneLine(
          e.getMessage()));
    } catch (IOException e) {
      throw new InputException(new Location(shownAs, 1, 1), e.getMessage());
    }
    if (docs.isEmpty()) {
      return new YNode.Mapping(new LinkedHashMap<>(), new Location(shownAs, 1, 1));
    }
    int[] budget = {MAX_NODES};
    return convert(docs.get(0), shownAs, budget,
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").strip();
  }

  private static Location at(String file, Mark m) {
    return m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1,
        m.getColumn() + 1);
  }

  /**
   * The tree of {@code node}; {@code open} holds the collections being converted, so an anchor
   * used inside itself ({@code a: &x [*x]}) is refused instead of recursing without end.
   */
  private static YNode convert(Node node, String file, int[] budget, Set<Node> open)
      throws InputException {
    Location where = at(file, node.getStartMark());
    if (!(node instanceof ScalarNode) && !open.add(node)) {
      throw new InputException(where, "an alias refers to a collection that contains it"
          + " (a recursive anchor)");
    }
    try {
      return convertOnce(node, file, budget, open, where);
    } finally {
      open.remove(node);
    }
  }

  private static YNode convertOnce(Node node, String file, int[] budget, Set<Node> open,
      Location where) throws InputException {
    if (--budget[0] < 0) {
      throw new InputException(where, "document too large after expanding aliases (over "
          + MAX_NODES + " nodes)");
    }
    if (node instanceof ScalarNode s) {
      String v = s.getValue();
      boolean isNull = s.getTag().equals(Tag.NULL) || (s.isPlain() && (v.isEmpty()
          || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL")));
      return new YNode.Scalar(isNull ? null : v, where);
    }
    if (node instanceof SequenceNode seq) {
      List<YNode> items = new ArrayList<>(seq.getValue().size());
      for (Node item : seq.getValue()) {
        items.add(convert(item, file, budget, open));
      }
      return new YNode.Seq(items, where);
    }
    MappingNode map = (MappingNode) node;
    LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      Node k = t.getKeyNode();
      Location keyAt = at(file, k.getStartMark());
      if (!(k instanceof ScalarNode ks)) {
        throw new InputException(keyAt, "map keys must be plain names");
      }
      String key = ks.getValue();
      if (entries.containsKey(key)) {
        throw new InputException(keyAt, "duplicate key '" + Text.value(key) + "' (first at line "
            + entries.get(key).keyAt().line() + ")");
      }
      entries.put(key, new YNode.Entry(keyAt, convert(t.getValueNode(), file, budget, open)));
    }
    return new YNode.Mapping(entries, where);
  }
}
