package dev.weft.network;

import java.util.List;

/**
 * What the network did, for the {@code network} section of summary.json. Counts are of
 * transfers started since the statistics were last restarted (the end of warm-up); bytes and
 * utilizations are over that window. Times in seconds, sizes in bytes.
 *
 * @param started transfers started
 * @param completed of those, completed
 * @param failed of those, failed by a fault
 * @param cancelled of those, cancelled by the caller
 * @param inFlight of those, still live: started = completed + failed + cancelled + inFlight
 * @param bytesMoved payload delivered in the window, by every transfer
 * @param transferTime start to last byte of the completed transfers, latency included
 * @param uplinkUtilization node uplinks: time-integral of load over time-integral of capacity
 * @param downlinkUtilization the same for node downlinks
 * @param backboneUtilization the same for all backbone links (0 without backbone)
 * @param sourceUtilization the same for the upload links of content sources (the model
 *     registries weights are downloaded from; 0 without any)
 * @param meanLiveTransfers time-average of live transfers
 * @param backbone utilization of each backbone direction
 */
public record NetworkStats(long started, long completed, long failed, long cancelled,
    long inFlight, double bytesMoved, Times transferTime, double uplinkUtilization,
    double downlinkUtilization, double backboneUtilization, double sourceUtilization,
    double meanLiveTransfers,
    List<BackboneUsage> backbone) {

  public NetworkStats {
    backbone = List.copyOf(backbone);
  }

  /** Mean and percentiles of a duration, seconds; 0 when nothing was measured. */
  public record Times(double mean, double p50, double p95, double p99) {}

  /** One direction of a backbone link. */
  public record BackboneUsage(String from, String to, double utilization) {}
}
