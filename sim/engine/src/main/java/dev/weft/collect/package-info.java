/**
 * Primitive data structures shared by the engine and the model: an indexed min-heap keyed by
 * (double, long), Fenwick trees over double and long weights, a growable int list and a set
 * of longs. Each is allocation-free once grown, and each is ordered only by its keys and
 * explicit ties, never by hashing or identity, so runs that use them are reproducible.
 *
 * <p>No domain words and no simulation: depends on the JDK only. Every other package may use
 * it.
 */
package dev.weft.collect;
