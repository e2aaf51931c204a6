package dev.weft.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operations on position-carrying trees: deep merge for includes, path edits for --set. */
final class TreeOps {
  private TreeOps() {}

  /** {@code over} on top of {@code base}: maps merge key by key, anything else is replaced. */
  static YNode merge(YNode base, YNode over) {
    if (base instanceof YNode.Mapping b && over instanceof YNode.Mapping o) {
      LinkedHashMap<String, YNode.Entry> out = new LinkedHashMap<>(b.entries());
      for (Map.Entry<String, YNode.Entry> e : o.entries().entrySet()) {
        YNode.Entry prev = out.get(e.getKey());
        out.put(e.getKey(), prev == null ? e.getValue()
            : new YNode.Entry(e.getValue().keyAt(), merge(prev.value(), e.getValue().value())));
      }
      return new YNode.Mapping(out, o.where());
    }
    return over;
  }

  /** One step of a --set path: a key or a list index. */
  record Step(String key, int index) {
    boolean isIndex() {
      return key == null;
    }

    @Override
    public String toString() {
      return isIndex() ? "[" + index + "]" : key;
    }
  }

  /** Parses {@code a.b[1].c}; null if malformed. */
  static List<Step> parsePath(String path) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        try {
          int idx = Integer.parseInt(path.substring(i + 1, close).strip());
          if (idx < 0) {
            return null;
          }
          steps.add(new Step(null, idx));
        } catch (NumberFormatException e) {
          return null;
        }
        i = close + 1;
        if (i < n && path.charAt(i) == '.') {
          i++;
          if (i == n) {
            return null;
          }
        }
      } else {
        int j = i;
        while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
          j++;
        }
        String key = path.substring(i, j);
        if (key.isEmpty()) {
          return null;
        }
        steps.add(new Step(key, -1));
        i = j;
        if (i < n && path.charAt(i) == '.') {
          i++;
          if (i == n) {
            return null;
          }
        }
      }
    }
    return steps.isEmpty() ? null : steps;
  }

  /** Returns a copy of {@code root} with the value at {@code steps} replaced by {@code value}. */
  static YNode set(YNode root, List<Step> steps, int from, YNode value, Location at)
      throws InputException {
    Step s = steps.get(from);
    boolean last = from == steps.size() - 1;
    String shown = pathString(steps, from + 1);
    if (s.isIndex()) {
      if (!(root instanceof YNode.Seq seq)) {
        throw new InputException(at, "'" + pathString(steps, from) + "' is not a list");
      }
      if (s.index() >= seq.items().size()) {
        throw new InputException(at, "'" + shown + "': index " + s.index()
            + " is out of range (the list has " + seq.items().size() + " entries)");
      }
      List<YNode> items = new ArrayList<>(seq.items());
      items.set(s.index(), last ? value : set(items.get(s.index()), steps, from + 1, value, at));
      return new YNode.Seq(items, seq.where());
    }
    YNode.Mapping map;
    if (root instanceof YNode.Mapping m) {
      map = m;
    } else if (root instanceof YNode.Scalar sc && sc.isNull()) {
      map = new YNode.Mapping(new LinkedHashMap<>(), at);
    } else {
      throw new InputException(at, "'" + pathString(steps, from) + "' is not a map");
    }
    LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>(map.entries());
    YNode.Entry prev = entries.get(s.key());
    YNode child;
    if (last) {
      child = value;
    } else {
      YNode next = prev != null ? prev.value() : new YNode.Scalar(null, at);
      if (prev == null && steps.get(from + 1).isIndex()) {
        throw new InputException(at, "'" + shown + "' does not exist, so it has no index "
            + steps.get(from + 1).index());
      }
      child = set(next, steps, from + 1, value, at);
    }
    entries.put(s.key(), new YNode.Entry(prev != null ? prev.keyAt() : at, child));
    return new YNode.Mapping(entries, map.where());
  }

  static String pathString(List<Step> steps, int upTo) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < upTo; i++) {
      Step s = steps.get(i);
      if (!s.isIndex() && sb.length() > 0) {
        sb.append('.');
      }
      sb.append(s);
    }
    return sb.toString();
  }
}
