/**
 * Region files: reading {@code models/network/*.yaml} into a {@link
 * dev.weft.network.RegionTable}, and regenerating those files from the published latency data
 * in {@code shared/data/network}. May depend on {@code network} and {@code dev.weft.yaml} (the
 * positioned YAML reader and its errors).
 */
package dev.weft.network.io;
