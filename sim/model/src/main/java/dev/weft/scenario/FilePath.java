package dev.weft.scenario;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string component naming a file, relative to the file it is written in. The loader stores it
 * as an absolute path, so a resolved scenario reruns from anywhere.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FilePath {}
