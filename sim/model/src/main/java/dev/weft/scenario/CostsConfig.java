package dev.weft.scenario;

import java.util.Map;

/**
 * Operators' fiat costs: energy price per region, hardware amortization and bandwidth. Figures
 * from the hardware catalog win; the GPU defaults here stand in for abstract hardware.
 */
@Doc("Operator costs in fiat.")
public record CostsConfig(
    @Doc("Energy price in fiat per kWh where a region has none of its own.") @Default("0.10")
        @Range(min = 0) double energyPrice,
    @Doc("Energy price per kWh by region id.") @Default("{}")
        Map<String, Double> energyPriceByRegion,
    @Doc("Time over which hardware is written off.") @Unit(Quantity.DURATION)
        @Default("1095d") @Range(min = 0, minExclusive = true) double hardwareLifetime,
    @Doc("Bandwidth and hosting cost per node per 30 days, in fiat.") @Default("0")
        @Range(min = 0) double bandwidthPerMonth,
    @Doc("Purchase price of one GPU where the catalog has none.") @Default("25000")
        @Range(min = 0) double gpuPrice,
    @Doc("Power of one busy GPU in watts where the catalog has none.") @Default("700")
        @Range(min = 0) double gpuWatts,
    @Doc("Idle power as a fraction of busy power.") @Default("0.3") @Range(min = 0, max = 1)
        double idleFraction) {

  public CostsConfig {
    energyPriceByRegion = energyPriceByRegion == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(energyPriceByRegion));
  }

  /** The energy price of {@code region}, or the default. */
  public double energyPriceIn(String region) {
    Double p = region == null ? null : energyPriceByRegion.get(region);
    return p != null ? p : energyPrice;
  }
}
