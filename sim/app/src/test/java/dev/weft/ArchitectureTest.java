package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allowed dependencies between Weft's packages, as ARCHITECTURE.md draws them, checked on
 * the compiled classes of the engine, model and app modules. A package may use the packages
 * listed for it and nothing else of Weft; a package missing from the list fails the test, so a
 * new package comes with its place in the architecture.
 */
class ArchitectureTest {

  /** Package (below dev.weft) -> the Weft packages it may use. Mirrors ARCHITECTURE.md. */
  static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
      // engine module: no domain words
      Map.entry("collect", Set.of()),
      Map.entry("engine", Set.of("collect")),
      Map.entry("random", Set.of()),
      Map.entry("stats", Set.of()),
      // model module: the domain, no I/O
      Map.entry("maxmin", Set.of("collect")),
      Map.entry("scenario", Set.of("random")),
      Map.entry("hardware", Set.of()),
      Map.entry("ai", Set.of("hardware")),
      Map.entry("network", Set.of("engine", "random", "stats", "collect", "maxmin")),
      Map.entry("serving", Set.of("engine")),
      Map.entry("node", Set.of()),
      Map.entry("workload", Set.of()),
      Map.entry("economics", Set.of("scenario", "random", "collect")),
      Map.entry("scheduling", Set.of("node", "workload", "collect")),
      Map.entry("run", Set.of("engine", "random", "stats", "scenario", "hardware", "ai",
          "network", "serving", "node", "workload", "economics", "scheduling")),
      // app module: files in and out, the command line
      Map.entry("yaml", Set.of()),
      Map.entry("scenario.yaml", Set.of("yaml", "scenario", "random")),
      Map.entry("scenario.data", Set.of("yaml", "scenario", "workload", "kernels")),
      Map.entry("kernels", Set.of("yaml", "hardware", "ai")),
      Map.entry("kernels.cpu", Set.of("hardware")),
      Map.entry("network.io", Set.of("yaml", "network")),
      Map.entry("scenario.load", Set.of("yaml", "scenario.yaml", "scenario.data", "kernels",
          "network.io", "scenario", "random", "hardware", "ai", "network", "economics",
          "scheduling", "workload", "run")),
      Map.entry("report", Set.of("run", "scenario", "economics", "network")),
      Map.entry("experiment", Set.of("report", "run", "scenario", "scenario.yaml", "random",
          "workload")),
      Map.entry("compare", Set.of("experiment", "report", "run", "scenario", "scenario.load",
          "scenario.yaml", "yaml", "random")),
      Map.entry("cli", Set.of("compare", "experiment", "report", "run", "scenario",
          "scenario.load", "scenario.yaml", "yaml", "kernels", "kernels.cpu", "hardware",
          "ai"))));

  /** Packages that may do file or console I/O: the app's. The engine and model compute. */
  static final Set<String> NO_IO = Set.of("collect", "engine", "random", "stats", "maxmin",
      "scenario", "hardware", "ai", "network", "serving", "node", "workload", "economics",
      "scheduling", "run");

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("jmh_generated"))
        .importPackages("dev.weft");
  }

  /** "dev.weft.scenario.yaml" -> "scenario.yaml"; null outside Weft. */
  static String shortName(String javaPackage) {
    return javaPackage.startsWith("dev.weft.") ? javaPackage.substring("dev.weft.".length())
        : null;
  }

  /** Every use of a Weft package that {@code allowed} does not grant, one line each. */
  static List<String> violations(JavaClasses classes, Map<String, Set<String>> allowed) {
    Set<String> out = new TreeSet<>();
    for (JavaClass c : classes) {
      String from = shortName(c.getPackageName());
      if (from == null || from.equals("bench")) {
        continue; // the benchmarks measure whatever they like
      }
      Set<String> may = allowed.get(from);
      if (may == null) {
        out.add("package dev.weft." + from + " has no place in the architecture"
            + " (add it to ARCHITECTURE.md and ArchitectureTest.ALLOWED)");
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = shortName(d.getTargetClass().getPackageName());
        if (to != null && !to.equals(from) && !may.contains(to)) {
          out.add("dev.weft." + from + " -> dev.weft." + to + " (" + c.getSimpleName()
              + " uses " + d.getTargetClass().getSimpleName() + ")");
        }
      }
    }
    return new ArrayList<>(out);
  }

  @Test
  void packagesUseOnlyWhatTheArchitectureAllows() {
    assertEquals(List.of(), violations(classes, ALLOWED));
  }

  @Test
  void aForbiddenDependencyIsCaught() {
    // run uses network; take that away and the check must name it
    Map<String, Set<String>> strict = new TreeMap<>(ALLOWED);
    Set<String> run = new TreeSet<>(ALLOWED.get("run"));
    run.remove("network");
    strict.put("run", run);
    List<String> found = violations(classes, strict);
    assertTrue(found.stream().anyMatch(v -> v.startsWith("dev.weft.run -> dev.weft.network")),
        found.toString());
    // and a package nobody placed is reported as such
    Map<String, Set<String>> missing = new TreeMap<>(ALLOWED);
    missing.remove("serving");
    assertTrue(violations(classes, missing).contains("package dev.weft.serving has no place in"
        + " the architecture (add it to ARCHITECTURE.md and ArchitectureTest.ALLOWED)"));
  }

  @Test
  void noPackageCycles() {
    SlicesRuleDefinition.slices().matching("dev.weft.(**)").should().beFreeOfCycles()
        .check(classes);
  }

  @Test
  void theEngineAndModelDoNoFileOrConsoleIo() {
    List<String> found = new ArrayList<>();
    for (JavaClass c : classes) {
      String p = shortName(c.getPackageName());
      if (p == null || !NO_IO.contains(p)) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getName();
        if (target.startsWith("java.nio.file.") || target.startsWith("java.io.File")
            || d.getDescription().contains("System.out") || d.getDescription()
            .contains("System.err")) {
          found.add(c.getName() + " -> " + target);
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void everyPackageSaysWhatItMayDependOn() {
    Set<String> missing = new TreeSet<>();
    for (JavaClass c : classes) {
      String p = shortName(c.getPackageName());
      if (p != null && !p.equals("bench") && !c.getPackage().tryGetPackageInfo().isPresent()) {
        missing.add(p);
      }
    }
    assertEquals(Set.of(), missing, "packages without package-info.java");
  }
}
