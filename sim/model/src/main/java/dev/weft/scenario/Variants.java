package dev.weft.scenario;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a sealed interface of scenario records: which key of the map picks the record (each
 * permitted record names its value with {@link Variant}), and the value when the key is absent.
 * Keys of the other variants are accepted only at their default value, so a scenario written
 * for the flat form still loads, and a setting that this variant would ignore is an error.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variants {
  /** The key whose value picks the variant. */
  String key();

  /** The variant when the key is absent. */
  String fallback();

  /** What the key means, for the schema. */
  String doc();
}
