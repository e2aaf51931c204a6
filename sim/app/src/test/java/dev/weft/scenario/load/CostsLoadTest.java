package dev.weft.scenario.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.economics.EconomicsSummary;
import dev.weft.run.World;
import dev.weft.scenario.Outputs;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12 items 10 and 13: cost settings do what they say (regional energy prices, the
 * catalog's idle power), one that nothing would read is an error at its line, and the default
 * time-series interval follows the duration.
 */
class CostsLoadTest {
  @TempDir
  Path dir;

  private static final String BASE = """
      name: t
      duration: 1d
      nodes:
        - name: cards
          count: 4
          hardware: rtx-4090
          regions: {us-east: 0.5, eu-west: 0.5}
      workload:
        - name: w
          arrivals: {process: poisson, rate: 1/h}
          service: 1m
      economics:
        emission: {schedule: none}
        verification: {policy: none}
        slashing: {downtime: {penalty: 0}}
        operators: {joinLeave: false}
      """;

  private Path write(String text) throws IOException {
    Path p = dir.resolve("s.yaml");
    Files.writeString(p, text);
    return p;
  }

  private List<InputError> errors(String text) throws Exception {
    Path p = write(text);
    return assertThrows(InputException.class, () -> ScenarioLoader.load(p, List.of()))
        .errors();
  }

  @Test
  void regionalEnergyPricesAndCatalogIdlePowerReachTheCosts() throws Exception {
    // about one 1-minute job in the day, so the energy is almost all idle
    String text = BASE.replace("rate: 1/h", "rate: 1/d")
        + "  costs: {energyPrice: 0.10, energyPriceByRegion: {us-east: 0.10, eu-west: 0.30}}\n";
    var loaded = ScenarioLoader.load(write(text), List.of());
    EconomicsSummary e = new World(loaded.scenario(), loaded.resources()).run().economics();
    // idle all day at the catalog's 20 W (not 30% of 450 W) plus the hardware written off over
    // three years: cost per operator = 1599 / 1095 + 0.48 kWh x the region's price
    double writeOff = 1599 / 1095.0;
    int checked = 0;
    for (EconomicsSummary.OperatorLedger o : e.operatorLedger()) {
      double price = o.region().equals("us-east") ? 0.10 : 0.30;
      // each job of 1 minute adds 430 W (busy above idle) for 1/60 h
      double busy = 0.43 / 60 * price;
      double jobs = (o.costs() - writeOff - 0.48 * price) / busy;
      assertEquals(Math.rint(jobs), jobs, 1e-6, o.region() + ": whole jobs of busy energy");
      assertTrue(jobs > -1e-6 && jobs <= 4, o.region() + " " + jobs);
      checked++;
    }
    assertEquals(4, checked);
  }

  @Test
  void anEnergyPriceForARegionWithoutNodesIsAnError() throws Exception {
    List<InputError> errs = errors(BASE
        + "  costs: {energyPriceByRegion: {us-east: 0.1, ap-south: 0.2}}\n");
    assertEquals(1, errs.size(), errs.toString());
    assertEquals(17, errs.get(0).where().line());
    assertTrue(errs.get(0).message().contains("no node runs in region 'ap-south'"),
        errs.toString());
  }

  @Test
  void aGpuFigureTheCatalogOverridesIsAnError() throws Exception {
    List<InputError> errs = errors(BASE + "  costs: {gpuPrice: 2000, idleFraction: 0.2}\n");
    assertEquals(2, errs.size(), errs.toString());
    assertTrue(errs.stream().allMatch(e -> e.message().contains("is unused")), errs.toString());
    // abstract hardware has no catalog figures: the same settings are used and accepted
    String abstractNodes = BASE.replace("    hardware: rtx-4090\n", "")
        + "  costs: {gpuPrice: 2000, idleFraction: 0.2}\n";
    ScenarioLoader.load(write(abstractNodes), List.of());
    // written at its default (as a resolved scenario writes every setting), it changes nothing
    ScenarioLoader.load(write(BASE + "  costs: {gpuPrice: 25000, idleFraction: 0.3}\n"),
        List.of());
  }

  @Test
  void theDefaultMetricsIntervalFollowsTheDuration() throws Exception {
    assertEquals(60, Outputs.defaultInterval(7200));
    assertEquals(43200, Outputs.defaultInterval(730 * 86400.0), "two years: 1,460 rows");
    for (double d : new double[] {1, 3600, 86400, 30 * 86400, 3650 * 86400.0}) {
      double i = Outputs.defaultInterval(d);
      assertTrue(d / i <= Outputs.DEFAULT_ROWS, "rows bounded for " + d);
    }
    var s = ScenarioLoader.load(write(BASE.replace("duration: 1d", "duration: 730d")),
        List.of()).scenario();
    assertEquals(43200, s.outputs().metricsInterval());
    var set = ScenarioLoader.load(write(BASE + "outputs: {metricsInterval: 5m}\n"), List.of())
        .scenario();
    assertEquals(300, set.outputs().metricsInterval(), "a set interval is kept");
  }
}
