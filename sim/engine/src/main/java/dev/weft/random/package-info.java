/**
 * Named random streams and the distributions sampled from them.
 *
 * <p>One master seed yields an independent generator per name ({@code "workload/chat/arrivals"},
 * {@code "node/17/uptime"}): the seed of a stream depends only on the master seed and its own
 * name, so adding a node class or a workload never changes the numbers another part sees, and
 * two variants of a scenario share random numbers wherever their names agree (common random
 * numbers). Generators and samplers come from Apache Commons RNG and Commons Statistics.
 * Depends on nothing of the domain.
 */
package dev.weft.random;
