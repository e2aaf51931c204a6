package dev.weft.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the place it was written, so every later error can point at it. */
public sealed interface YNode permits YNode.Scalar, YNode.Seq, YNode.Mapping {

  Location where();

  /** Kind of node, for messages ("a map", "a list", "a value"). */
  String describe();

  /** A plain or quoted value; {@code null} text for YAML null ({@code ~}, {@code null}, empty). */
  record Scalar(String text, Location where) implements YNode {
    public boolean isNull() {
      return text == null;
    }

    @Override
    public String describe() {
      return text == null ? "null" : "the value '" + Text.value(text) + "'";
    }
  }

  /** A list. */
  record Seq(List<YNode> items, Location where) implements YNode {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A map with string keys, in file order; keys keep their own positions. */
  record Mapping(LinkedHashMap<String, Entry> entries, Location where) implements YNode {
    public YNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    public Map<String, Entry> view() {
      return entries;
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  /** One key of a map: where the key was written, and its value. */
  record Entry(Location keyAt, YNode value) {}
}
