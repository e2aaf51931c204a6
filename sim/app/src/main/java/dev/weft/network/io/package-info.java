/**
 * Region files: reading {@code models/network/*.yaml} into a {@link
 * dev.weft.network.RegionTable}, and regenerating those files from the published latency data
 * in {@code shared/data/network}. Depends on {@code network} and the scenario YAML reader (for
 * errors with positions).
 */
package dev.weft.network.io;
