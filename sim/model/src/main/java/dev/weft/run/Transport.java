package dev.weft.run;

import dev.weft.node.Node;
import dev.weft.scheduling.Geography;
import java.util.List;

/**
 * How jobs and results move between submitters and nodes. {@link #DIRECT} stands in for a
 * scenario without a network: a placed job is at its node at once and a result is home the
 * moment it exists. {@link NetworkTransport} moves them as flows over the modelled network.
 */
interface Transport {

  /** No network: everything arrives instantly, nowhere is far. */
  Transport DIRECT = new Transport() { };

  /** A new job: draws what the network needs of it (origin, payload sizes). */
  default void prepare(JobRun job) {}

  /** {@code job} was placed on {@code at}: bring it (and its model) there, then proceed. */
  default void deliver(Station at, JobRun job, JobFlow flow) {
    flow.proceed(at, job);
  }

  /** {@code job} ran on {@code at} until {@code now}: bring its result home, then it is done. */
  default void returnResult(Station at, JobRun job, JobFlow flow, double now) {
    flow.finishCompleted(job, at.node, now);
  }

  /**
   * {@code job}'s deadline passed while it waited for a transfer to or from {@code at}: the
   * transfer is cancelled and the node no longer expects it.
   */
  default void abandon(JobRun job, Node at, JobFlow flow) {}

  /**
   * Seconds before {@code n} could start a job of {@code model}: 0 when the weights are there
   * (or there is no network to bring them), else the download at the node's downlink or the
   * registry's capacity, whichever is less. Placement adds it to a node's expected delay, so a
   * cold node is not chosen over a warm one that would finish sooner.
   */
  default double coldStartSeconds(Node n, String model) {
    return 0;
  }

  /** What placement may know of regions and distances. */
  default Geography geography() {
    return Geography.NONE;
  }

  /** {@code n} went offline: its transfers fail or stall. */
  default void nodeDown(Node n) {}

  /** {@code n} came back online: its transfers may resume. */
  default void nodeUp(Node n) {}

  /**
   * {@code n} is back and has taken what it could: {@code replaceHeld} re-places the jobs held
   * centrally. A network already did that when {@link #nodeUp} repaired its links, so it skips.
   */
  default void afterReturn(Node n, Runnable replaceHeld) {
    replaceHeld.run();
  }

  /** Statistics restart after warm-up. */
  default void endWarmup() {}

  /** Names of the columns this transport adds to the time series. */
  default List<String> seriesColumns() {
    return List.of();
  }

  /** Values for {@link #seriesColumns()} at a sample. */
  default double[] sample() {
    return new double[0];
  }

  /** The network figures for the result; null without a network. */
  default NetworkResult result(double latencyShare, long allReduces, Percentiles allReduceTime) {
    return null;
  }
}
