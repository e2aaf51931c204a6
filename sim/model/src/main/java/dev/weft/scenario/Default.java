package dev.weft.scenario;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value used when a key is absent, written as it would be in YAML ({@code "1m"}, {@code
 * "least-loaded"}). {@link #NONE} marks an optional component that stays null when absent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  String NONE = "\u0000none";

  String value();
}
