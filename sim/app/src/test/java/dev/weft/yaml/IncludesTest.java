package dev.weft.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Includes stay in the scenario's folder unless WEFT_INCLUDE_PATH names another. */
class IncludesTest {
  @TempDir
  Path dir;

  @Test
  void anIncludeOutsideTheFolderNeedsItsFolderAllowed() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(b.resolve("common.yaml"), "seed: 5\n");
    Path s = a.resolve("s.yaml");
    Files.writeString(s, "include: ../b/common.yaml\nname: x\n");
    InputException e = assertThrows(InputException.class,
        () -> Includes.read(s, Includes.allowedRoots(s, null)));
    assertTrue(e.getMessage().contains("lies outside the scenario's folder"), e.getMessage());
    YNode tree = Includes.read(s, Includes.allowedRoots(s, b.toString()));
    assertEquals("5", ((YNode.Scalar) ((YNode.Mapping) tree).get("seed")).text());
    // the scenario's own folder and below are always allowed
    Files.createDirectories(a.resolve("parts"));
    Files.writeString(a.resolve("parts/p.yaml"), "seed: 6\n");
    Files.writeString(s, "include: parts/p.yaml\nname: x\n");
    tree = Includes.read(s, Includes.allowedRoots(s, null));
    assertEquals("6", ((YNode.Scalar) ((YNode.Mapping) tree).get("seed")).text());
  }

  @Test
  void aLinkCannotLeadOutOfTheFolder() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path outside = dir.resolve("secret.yaml");
    Files.writeString(outside, "seed: 1\n");
    Files.createSymbolicLink(a.resolve("link.yaml"), outside);
    Path s = a.resolve("s.yaml");
    Files.writeString(s, "include: link.yaml\nname: x\n");
    InputException e = assertThrows(InputException.class,
        () -> Includes.read(s, Includes.allowedRoots(s, null)));
    assertTrue(e.getMessage().contains("lies outside"), e.getMessage());
  }
}
