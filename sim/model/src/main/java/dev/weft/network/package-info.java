/**
 * The network between nodes: regions and the latency between them, links with capacities, and
 * transfers that share those links max-min fairly, with faults and per-node model caches.
 *
 * <p>{@link dev.weft.network.FlowNetwork} is the bandwidth-sharing core over numbered links;
 * {@link dev.weft.network.Network} puts nodes, access links, regional backbone links, routes,
 * TCP factors and faults on top of it. Nothing here reads files: region tables arrive already
 * parsed. Depends on {@code engine} (clock and events), {@code random} (fault timings, Vivaldi
 * fitting), {@code stats}, and JGraphT (routes); not on the scenario records.
 */
package dev.weft.network;
