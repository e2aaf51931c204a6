package dev.weft.node;

import dev.weft.workload.Job;
import java.util.ArrayDeque;

/**
 * One operator's machine during a run. Mutable; owned by the run. Fields are package-visible to
 * nothing outside: the run changes state through the methods, schedulers read it.
 */
public final class Node {
  private final int id;
  private final int classIndex;
  private final int slots;
  private final double speed;
  private final ArrayDeque<Job> queue = new ArrayDeque<>(4);
  private final java.util.ArrayList<Job> running = new java.util.ArrayList<>(1);
  private int busy;
  private int queued; // live jobs in queue (expired ones may still sit in the deque)
  private boolean online = true;
  private double servingLoad;

  public Node(int id, int classIndex, int slots, double speed) {
    this.id = id;
    this.classIndex = classIndex;
    this.slots = slots;
    this.speed = speed;
  }

  public int id() {
    return id;
  }

  public int classIndex() {
    return classIndex;
  }

  public int slots() {
    return slots;
  }

  public double speed() {
    return speed;
  }

  public int busy() {
    return busy;
  }

  public int queued() {
    return queued;
  }

  public boolean online() {
    return online;
  }

  public boolean hasFreeSlot() {
    return online && busy < slots;
  }

  /** Jobs held (running and waiting) per slot; what load-based schedulers compare. */
  public double load() {
    return (busy + queued + inbound) / (double) slots + servingLoad;
  }

  private int inbound;

  /** A job placed here is on its way (input transfer or weight download): +1, or -1 when done. */
  public void inbound(int delta) {
    inbound += delta;
  }

  /** Requests in this node's serving engines per batch place (set by the run). */
  public void setServingLoad(double load) {
    this.servingLoad = load;
  }

  public void setOnline(boolean online) {
    this.online = online;
  }

  /** {@code job} starts on one of this node's slots. */
  public void occupySlot(Job job) {
    if (busy >= slots || !online) {
      throw new IllegalStateException("node " + id + " has no free slot");
    }
    running.add(job);
    busy++;
  }

  /** {@code job} leaves its slot (finished, expired or interrupted). */
  public void releaseSlot(Job job) {
    if (!running.remove(job)) {
      throw new IllegalStateException("job " + job.id() + " is not running on node " + id);
    }
    busy--;
  }

  /** The jobs running now; a copy, so the caller may release them while iterating. */
  public java.util.List<Job> runningJobs() {
    return java.util.List.copyOf(running);
  }

  public void enqueue(Job job) {
    queue.addLast(job);
    queued++;
  }

  /** Next live job of the local queue, or null; skips jobs that expired while waiting. */
  public Job pollQueue() {
    Job j;
    while ((j = queue.pollFirst()) != null) {
      if (j.isWaiting()) {
        queued--;
        return j;
      }
    }
    return null;
  }

  /** A waiting job left the queue by other means (expired). */
  public void forgetQueued() {
    queued--;
  }

  /** Removes every live waiting job (node going offline); the caller re-places them. */
  public void drainQueue(java.util.function.Consumer<Job> sink) {
    Job j;
    while ((j = queue.pollFirst()) != null) {
      if (j.isWaiting()) {
        queued--;
        sink.accept(j);
      }
    }
  }
}
