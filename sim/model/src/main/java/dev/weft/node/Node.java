package dev.weft.node;

/**
 * One operator's machine during a run, as placement sees it: identity, capacity and load
 * counters. Mutable; the run changes the counters as jobs come and go (it keeps the jobs
 * themselves), schedulers read them.
 */
public final class Node {
  private final int id;
  private final int classIndex;
  private final int slots;
  private final double speed;
  private int busy;
  private int queued; // live jobs waiting in this node's queue
  private int inbound; // jobs placed here still on their way (input or weights)
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

  /** Slots held by running jobs. */
  public int busy() {
    return busy;
  }

  /** Live jobs waiting in this node's queue. */
  public int queued() {
    return queued;
  }

  /** Jobs placed here still on their way (input transfer or weight download). */
  public int inbound() {
    return inbound;
  }

  public boolean online() {
    return online;
  }

  public boolean hasFreeSlot() {
    return online && busy < slots;
  }

  /** Jobs held (running, waiting and on their way) per slot; what load-based schedulers compare. */
  public double load() {
    return (busy + queued + inbound) / (double) slots + servingLoad;
  }

  /** A job placed here is on its way (input transfer or weight download): +1, or -1 when done. */
  public void inbound(int delta) {
    inbound += delta;
  }

  /** A job joined (+1) or left (-1) this node's queue. */
  public void queued(int delta) {
    queued += delta;
  }

  /** Requests in this node's serving engines per batch place (set by the run). */
  public void setServingLoad(double load) {
    this.servingLoad = load;
  }

  public void setOnline(boolean online) {
    this.online = online;
  }

  /** A job starts on one of this node's slots. */
  public void occupySlot() {
    if (busy >= slots || !online) {
      throw new IllegalStateException("node " + id + " has no free slot");
    }
    busy++;
  }

  /** A job leaves its slot (finished, expired or interrupted). */
  public void releaseSlot() {
    if (busy == 0) {
      throw new IllegalStateException("node " + id + " has no busy slot");
    }
    busy--;
  }
}
