package dev.weft.bench;

import dev.weft.engine.Event;
import dev.weft.engine.EventList;
import dev.weft.engine.HeapEventList;
import dev.weft.engine.Simulator;
import java.util.concurrent.TimeUnit;
import nl.tudelft.simulation.dsol.eventlists.RedBlackTree;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEvent;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * The classic hold model: with {@code pending} events in the list, repeatedly remove the first
 * event and insert one at its time plus an exponential(1) increment, so the list size never
 * changes. One "hold" is one remove plus one insert; the score is nanoseconds per hold.
 *
 * <p>Lists compared, each filled with the same {@code pending} initial times and fed the same
 * increments ({@link Increments}):
 *
 * <ul>
 *   <li>{@code weftHeap}: Weft's {@link HeapEventList}, called through the {@link EventList}
 *       interface, with increasing sequence numbers so equal times stay first-in first-out;
 *   <li>{@code weftSimulator}: Weft's whole loop, each event rescheduling itself from {@code
 *       fire()} through {@link Simulator#schedule(double, Event)};
 *   <li>{@code ssjSplayTree}: SSJ's {@link SplayTree}, the list {@code umontreal.ssj.simevents
 *       .Simulator} creates by default, holding SSJ {@code Event} objects;
 *   <li>{@code ssjSimulator}: SSJ's own loop ({@code Simulator.start()}), events rescheduling
 *       themselves with {@code Event.schedule(delay)};
 *   <li>{@code dsolRedBlackTree}: DSOL's {@link RedBlackTree}, the list {@code DevsSimulator}
 *       creates by default, holding {@link SimEvent} objects timed in {@code Double}.
 * </ul>
 *
 * <p>Each peer list gets the most economical use its API allows: the removed event object itself
 * is given its new time and re-inserted, never a new one. Since an exponential residual is
 * memoryless, a list filled with exponential(1) times is already in the hold model's steady
 * state, so no pre-run is needed before JMH's warm-up.
 *
 * <p>All states share the same {@code @Fork} JVM options; no list gets its own GC settings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HoldModel {

  /** Holds per benchmark invocation; scores are divided by it. */
  static final int BATCH = 1024;

  /** What every state shares: the size parameter and its own cursor into the increments. */
  @State(Scope.Thread)
  public abstract static class HoldState {
    @Param({"1000", "100000", "1000000"})
    public int pending;

    double[] inc;
    int k;

    final void initIncrements() {
      inc = Increments.ring();
      k = 0;
    }

    final double nextIncrement() {
      double d = inc[k];
      k = (k + 1) & Increments.MASK;
      return d;
    }

    static void check(boolean ok, String what) {
      if (!ok) {
        throw new IllegalStateException("hold model sanity check failed: " + what);
      }
    }
  }

  // ---------------------------------------------------------------- Weft: HeapEventList directly

  /** A do-nothing event: the list never calls it, it only carries references. */
  static final class Token implements Event {
    final int id;

    Token(int id) {
      this.id = id;
    }

    @Override
    public void fire() {}
  }

  @State(Scope.Thread)
  public static class WeftHeap extends HoldState {
    EventList list;
    long nextSequence;

    @Setup(Level.Trial)
    public void setUp() {
      initIncrements();
      list = new HeapEventList();
      nextSequence = 0;
      for (int i = 0; i < pending; i++) {
        list.add(nextIncrement(), nextSequence++, new Token(i));
      }
      check(list.size() == pending, "weft heap filled to " + list.size());
    }

    @TearDown(Level.Iteration)
    public void sizeStays() {
      check(list.size() == pending, "weft heap size " + list.size() + " != " + pending);
    }

    @TearDown(Level.Trial)
    public void drainInOrder() {
      sizeStays();
      double prevTime = Double.NEGATIVE_INFINITY;
      long prevSeq = Long.MIN_VALUE;
      int n = 0;
      while (!list.isEmpty()) {
        double t = list.firstTime();
        long s = list.firstSequence();
        check(t > prevTime || (t == prevTime && s > prevSeq), "weft heap out of order at " + n);
        list.removeFirst();
        prevTime = t;
        prevSeq = s;
        n++;
      }
      check(n == pending, "weft heap drained " + n);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double weftHeap(WeftHeap s) {
    EventList list = s.list;
    double[] inc = s.inc;
    int k = s.k;
    long seq = s.nextSequence;
    double t = 0.0;
    for (int i = 0; i < BATCH; i++) {
      t = list.firstTime();
      Event e = list.removeFirst();
      list.add(t + inc[k], seq++, e);
      k = (k + 1) & Increments.MASK;
    }
    s.k = k;
    s.nextSequence = seq;
    return t; // the list itself lives in the state, so none of the work above is dead
  }

  // ---------------------------------------------------------------- Weft: the Simulator loop

  @State(Scope.Thread)
  public static class WeftSim extends HoldState {
    Simulator sim;
    int remaining;

    /** Each pending event is its own object, as in a real model; firing reschedules it. */
    static final class Hold implements Event {
      final WeftSim owner;

      Hold(WeftSim owner) {
        this.owner = owner;
      }

      @Override
      public void fire() {
        owner.onFire(this);
      }
    }

    final void onFire(Hold e) {
      sim.schedule(inc[k], e);
      k = (k + 1) & Increments.MASK;
      if (--remaining == 0) {
        sim.stop();
      }
    }

    @Setup(Level.Trial)
    public void setUp() {
      initIncrements();
      sim = new Simulator();
      for (int i = 0; i < pending; i++) {
        sim.scheduleAt(nextIncrement(), new Hold(this));
      }
      check(sim.pending() == pending, "weft simulator filled to " + sim.pending());
    }

    @TearDown(Level.Iteration)
    public void sizeStays() {
      check(sim.pending() == pending, "weft simulator pending " + sim.pending());
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double weftSimulator(WeftSim s) {
    s.remaining = BATCH;
    s.sim.run(); // returns after BATCH events: the BATCH-th calls stop()
    return s.sim.now();
  }

  // ---------------------------------------------------------------- SSJ: SplayTree directly

  /**
   * An SSJ event the list never fires. {@code eventTime} is protected in SSJ's {@code Event};
   * {@code retime} does what SSJ's own {@code Simulator.removeFirstEvent()} followed by {@code
   * Event.schedule(delay)} do to it (mark it unscheduled, then set the new time), without
   * touching a clock.
   */
  static final class SsjToken extends umontreal.ssj.simevents.Event {
    SsjToken(umontreal.ssj.simevents.Simulator sim) {
      super(sim);
    }

    void retime(double time) {
      eventTime = time;
    }

    @Override
    public void actions() {}
  }

  @State(Scope.Thread)
  public static class SsjSplay extends HoldState {
    SplayTree list;

    @Setup(Level.Trial)
    public void setUp() {
      initIncrements();
      umontreal.ssj.simevents.Simulator owner = new umontreal.ssj.simevents.Simulator();
      list = new SplayTree();
      for (int i = 0; i < pending; i++) {
        SsjToken e = new SsjToken(owner);
        e.retime(nextIncrement());
        list.add(e);
      }
      check(count(list) == pending, "ssj splay tree filled");
    }

    @TearDown(Level.Trial)
    public void drainInOrder() {
      check(drainAndCount(list) == pending, "ssj splay tree size changed");
    }
  }

  /** SSJ's event lists have no size(): walk them. */
  static int count(umontreal.ssj.simevents.eventlist.EventList list) {
    int n = 0;
    for (umontreal.ssj.simevents.Event ignored : list) {
      n++;
    }
    return n;
  }

  static int drainAndCount(umontreal.ssj.simevents.eventlist.EventList list) {
    double prev = Double.NEGATIVE_INFINITY;
    int n = 0;
    umontreal.ssj.simevents.Event e;
    while ((e = list.removeFirst()) != null) {
      HoldState.check(e.time() >= prev, "ssj list out of order at " + n);
      prev = e.time();
      n++;
    }
    return n;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double ssjSplayTree(SsjSplay s) {
    SplayTree list = s.list;
    double[] inc = s.inc;
    int k = s.k;
    double t = 0.0;
    for (int i = 0; i < BATCH; i++) {
      SsjToken e = (SsjToken) list.removeFirst();
      t = e.time();
      e.retime(t + inc[k]);
      list.add(e);
      k = (k + 1) & Increments.MASK;
    }
    s.k = k;
    return t;
  }

  // ---------------------------------------------------------------- SSJ: the Simulator loop

  @State(Scope.Thread)
  public static class SsjSim extends HoldState {
    umontreal.ssj.simevents.Simulator sim;
    int remaining;

    static final class Hold extends umontreal.ssj.simevents.Event {
      final SsjSim owner;

      Hold(SsjSim owner) {
        super(owner.sim);
        this.owner = owner;
      }

      @Override
      public void actions() {
        owner.onFire(this);
      }
    }

    final void onFire(Hold e) {
      e.schedule(inc[k]);
      k = (k + 1) & Increments.MASK;
      if (--remaining == 0) {
        sim.stop();
      }
    }

    @Setup(Level.Trial)
    public void setUp() {
      initIncrements();
      sim = new umontreal.ssj.simevents.Simulator(); // SplayTree, as by default
      sim.init();
      for (int i = 0; i < pending; i++) {
        new Hold(this).schedule(nextIncrement());
      }
      check(count(sim.getEventList()) == pending, "ssj simulator filled");
    }

    @TearDown(Level.Trial)
    public void drainInOrder() {
      check(drainAndCount(sim.getEventList()) == pending, "ssj simulator size changed");
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double ssjSimulator(SsjSim s) {
    s.remaining = BATCH;
    s.sim.start(); // returns after BATCH events: the BATCH-th calls stop()
    return s.sim.time();
  }

  // ---------------------------------------------------------------- DSOL: RedBlackTree directly

  /**
   * A DSOL {@link SimEvent} the list never executes. Its time and tie-break id are protected
   * fields; {@code retime} sets a new time (DSOL's API is generic in the time type, so a new
   * {@code Double} is unavoidable) and a fresh increasing id, which keeps equal times first-in
   * first-out exactly as DSOL's constructor counter does for new events.
   */
  static final class DsolToken extends SimEvent<Double> {
    private static final long serialVersionUID = 1L;

    DsolToken(double time, long id, Object target) {
      super(time, target, "toString", null);
      this.id = id;
    }

    void retime(double time, long newId) {
      absoluteExecutionTime = time;
      id = newId;
    }
  }

  @State(Scope.Thread)
  public static class DsolTree extends HoldState {
    RedBlackTree<Double> list;
    long nextId;

    @Setup(Level.Trial)
    public void setUp() {
      initIncrements();
      list = new RedBlackTree<>();
      nextId = 0;
      for (int i = 0; i < pending; i++) {
        list.add(new DsolToken(nextIncrement(), nextId++, this));
      }
      check(list.size() == pending, "dsol tree filled to " + list.size());
    }

    @TearDown(Level.Iteration)
    public void sizeStays() {
      check(list.size() == pending, "dsol tree size " + list.size() + " != " + pending);
    }

    @TearDown(Level.Trial)
    public void drainInOrder() {
      sizeStays();
      double prev = Double.NEGATIVE_INFINITY;
      int n = 0;
      SimEventInterface<Double> e;
      while ((e = list.removeFirst()) != null) {
        double t = e.getAbsoluteExecutionTime();
        check(t >= prev, "dsol tree out of order at " + n);
        prev = t;
        n++;
      }
      check(n == pending, "dsol tree drained " + n);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double dsolRedBlackTree(DsolTree s) {
    RedBlackTree<Double> list = s.list;
    double[] inc = s.inc;
    int k = s.k;
    long id = s.nextId;
    double t = 0.0;
    for (int i = 0; i < BATCH; i++) {
      DsolToken e = (DsolToken) list.removeFirst();
      t = e.getAbsoluteExecutionTime();
      e.retime(t + inc[k], id++);
      list.add(e);
      k = (k + 1) & Increments.MASK;
    }
    s.k = k;
    s.nextId = id;
    return t;
  }
}
