package dev.weft.economics;

import dev.weft.scenario.CostsConfig;

/**
 * One node's costs in fiat: hardware written off over its lifetime, energy at the region's
 * price (idle power while online, busy power while computing), and bandwidth per 30 days.
 *
 * @param purchasePrice hardware cost of the whole node
 * @param lifetime seconds over which it is written off
 * @param idleWatts power of the node online and idle
 * @param busyWatts power with every GPU busy
 * @param energyPrice fiat per kWh in the node's region
 * @param bandwidthPerMonth fiat per 30 days
 */
public record OperatorCosts(double purchasePrice, double lifetime, double idleWatts,
    double busyWatts, double energyPrice, double bandwidthPerMonth) {

  private static final double MONTH = 30 * 86400.0;

  public OperatorCosts {
    if (!(lifetime > 0) || purchasePrice < 0 || idleWatts < 0 || busyWatts < idleWatts
        || energyPrice < 0 || bandwidthPerMonth < 0) {
      throw new IllegalArgumentException("operator costs need lifetime > 0, non-negative"
          + " figures and busy power >= idle power: " + this);
    }
  }

  /**
   * A node of {@code gpus} GPUs in {@code region} (its energy price; null: the default price).
   * Catalog figures per GPU win (purchase price, busy and idle watts); {@code null} ones fall
   * back to the config's GPU price and watts, and idle power to its idle fraction of busy.
   */
  public static OperatorCosts of(CostsConfig c, String region, int gpus, Double gpuPrice,
      Double gpuWatts, Double gpuIdleWatts) {
    double busy = gpus * (gpuWatts != null ? gpuWatts : c.gpuWatts());
    double idle = gpuIdleWatts != null ? Math.min(busy, gpus * gpuIdleWatts)
        : busy * c.idleFraction();
    return new OperatorCosts(gpus * (gpuPrice != null ? gpuPrice : c.gpuPrice()),
        c.hardwareLifetime(), idle, busy, c.energyPriceIn(region), c.bandwidthPerMonth());
  }

  /** Fiat per second while in the network, online or not: amortization and bandwidth. */
  public double fixedPerSecond() {
    return purchasePrice / lifetime + bandwidthPerMonth / MONTH;
  }

  /** Fiat per second of idle energy while online. */
  public double idlePerSecond() {
    return idleWatts / 1000 * energyPrice / 3600;
  }

  /** Fiat per GPU-second of computing, above idle. */
  public double busyPerGpuSecond(int gpus) {
    return (busyWatts - idleWatts) / gpus / 1000 * energyPrice / 3600;
  }

  /** Full fiat cost of one GPU-hour with the node fully busy: what a break-even bid asks. */
  public double costPerGpuHour(int gpus) {
    return (fixedPerSecond() + busyWatts / 1000 * energyPrice / 3600) * 3600 / gpus;
  }
}
