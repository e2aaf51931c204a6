/**
 * The network between nodes: regions and the latency between them, links with capacities, and
 * transfers that share those links max-min fairly, with faults and per-node model caches.
 *
 * <p>{@link dev.weft.network.FlowNetwork} gives transfers their life over numbered links
 * (latency, completion, failure, engine events) and takes their rates from {@link
 * dev.weft.maxmin.MaxMinSolver}; {@link dev.weft.network.Network} puts nodes, access links,
 * regional backbone links, routes and TCP factors on top of it, and {@code Faults} the faults.
 * Nothing here reads files: region tables arrive already parsed. Depends on {@code engine}
 * (clock and events), {@code maxmin} (the rates), {@code collect} (the completion heap), {@code
 * random} (fault timings, Vivaldi fitting), {@code stats}, and JGraphT (routes); not on the
 * scenario records.
 */
package dev.weft.network;
