/**
 * Weighted max-min fair sharing as a pure computation: links with capacities, flows with
 * weights, optional rate caps and a set of links each, and the rates progressive filling gives
 * them, re-solved incrementally (exactly, or locally) as flows and capacities change.
 *
 * <p>No simulated time, no events, no domain words: units are whatever the caller uses. Depends
 * on the JDK and {@code dev.weft.collect} only; must not import {@code engine}, {@code
 * network}, {@code scenario} or anything else of the model. {@code network} builds transfers on
 * it.
 */
package dev.weft.maxmin;
