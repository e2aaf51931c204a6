/**
 * The event core: a simulation clock, an event list and the loop that runs it.
 *
 * <p>Nothing here knows about jobs, nodes, GPUs or tokens; models build on {@link
 * dev.weft.engine.Simulator} and {@link dev.weft.engine.Event}. Depends on the JDK and {@code
 * dev.weft.collect} (the set of cancelled sequences). Events at equal times run in the order
 * they were scheduled (insertion sequence), so runs are reproducible independent of hashing or
 * object identity.
 */
package dev.weft.engine;
