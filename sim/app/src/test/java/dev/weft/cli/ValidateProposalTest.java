package dev.weft.cli;

import static dev.weft.cli.CliTest.weft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.compare.CompareTestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft validate} checks a proposal against the scenario its {@code base} names, as
 * {@code compare} would; before, it read a proposal as a scenario and reported only the
 * scenario keys a proposal never has ("missing required key 'duration'").
 */
class ValidateProposalTest {
  @TempDir
  Path dir;

  @Test
  void aProposalIsCheckedAgainstItsBase() throws Exception {
    CompareTestFiles.write(dir, "tiny.yaml", CompareTestFiles.TINY);
    Path good = CompareTestFiles.write(dir, "good.yaml", """
        proposal: More checks
        base: tiny.yaml
        changes:
          economics.verification.spotCheckRate: 0.1
        objectives:
          - {metric: economics.roi.lazy, below: 0}
        """);
    var ok = weft("validate", good.toString());
    assertEquals(0, ok.code(), ok.err());
    assertEquals("ok", ok.out().strip());

    Path typo = CompareTestFiles.write(dir, "typo.yaml", """
        proposal: Typo
        base: tiny.yaml
        changes:
          economics.verification.spotCheckRate: 0.1
        objectives:
          - {metric: economics.roi.lazzy, below: 0}
        """);
    var bad = weft("validate", typo.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("typo.yaml:6:14: unknown metric 'economics.roi.lazzy' (did you"
        + " mean 'economics.roi.lazy'?)"), bad.err());
    assertTrue(!bad.err().contains("missing required key"), bad.err());
  }

  @Test
  void theShippedProposalsValidate() {
    var r = weft("validate", "../../scenarios/proposals/correlation-penalty.yaml");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void aProposalWithoutBaseSaysHowToCheckIt() throws Exception {
    Path p = CompareTestFiles.write(dir, "nobase.yaml", """
        proposal: No base
        changes:
          economics.verification.spotCheckRate: 0.1
        """);
    var r = weft("validate", p.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("nobase.yaml:1:11: a proposal checked alone needs 'base: PATH'"),
        r.err());
  }
}
