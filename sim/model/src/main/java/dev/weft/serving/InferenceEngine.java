package dev.weft.serving;

import dev.weft.engine.Simulator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Continuous batching on one node.
 *
 * <p>Each iteration gives every decoding sequence one token and fills the rest of the token
 * budget with prefill chunks (oldest first), admitting waiting requests while the batch has
 * room and the KV cache can hold their prompt and output (a full reservation, so no preemption
 * is ever needed; vLLM reserves lazily and preempts instead, which this bounds from the safe
 * side). An iteration with no prefill work is repeated until the first sequence finishes: that
 * run of iterations is one phase and one event. The phase's duration is {@code j} times the
 * cost of the batch at the mid-phase context, which is exact when iteration time is linear in
 * context. A request arriving mid-phase cuts the phase at the end of the iteration in flight,
 * so it waits at most one iteration, as in vLLM.
 *
 * <p>The owner hears when a request is first included in an iteration (its wait ends: vLLM's
 * queue time) and when the batch changes, so it can keep time averages of {@link #occupancy}
 * (the share of the batch limits in use) at O(1) per change.
 *
 * <p>With {@link KvPreemption} other than none, the cache is reserved as sequences grow and,
 * when it cannot hold the next iteration, the most recently admitted running requests are
 * preempted (vLLM's scheduler): recomputed (cache dropped, prefilled again) or swapped (cache
 * copied to host memory, copied back when there is room, before any new admission). A swap's
 * copies are done before the model runs in the iteration that needs them, as vLLM's cache
 * engine does, so their time (tokens times {@link KvPreemption#secondsPerToken}) is added to
 * that iteration.
 *
 * @param <O> the owner type of the requests (the run's attempt), handed back in callbacks
 */
public final class InferenceEngine<O> {

  /** What the engine tells its owner. */
  public interface Listener<O> {
    /**
     * {@code r} is in service: the iteration that begins at {@code time} is the first to
     * include it (its first prefill chunk). Called once per request, after the iteration has
     * been scheduled; admission alone (a KV reservation without a chunk) is not service.
     */
    void scheduled(Request<O> r, double time);

    /** The first output token of {@code r} is ready (end of its prefill). */
    void firstToken(Request<O> r, double time);

    /**
     * {@code r}, decoding, got {@code tokens} more tokens: the first {@code first} seconds
     * after its previous token (longer than one iteration when prefills paused it), the others
     * {@code interval} after the one before (one engine iteration each): its times between
     * tokens. Default: ignored.
     */
    default void tokens(Request<O> r, double first, double interval, int tokens) {}

    /**
     * {@code r} was preempted at {@code time}: the KV cache ran out, its blocks were freed and
     * it waits at the head of the queue to be prefilled again (prompt and outputs so far).
     * Default: ignored.
     */
    default void preempted(Request<O> r, double time) {}

    /**
     * {@code r} was preempted at {@code time} by swapping: the {@code tokens} of its KV cache
     * are copied to host memory during the iteration that begins then, and it waits for room.
     * Default: ignored.
     */
    default void swappedOut(Request<O> r, double time, long tokens) {}

    /**
     * {@code r}'s {@code tokens} of KV cache are copied back from host memory during the
     * iteration that begins at {@code time}, which it is part of again (no prefill). Default:
     * ignored.
     */
    default void swappedIn(Request<O> r, double time, long tokens) {}

    /** {@code r} produced its last token and left the engine. */
    void finished(Request<O> r, double time);

    /**
     * The batch changed at {@code time} (sequences admitted, finished, removed or dropped):
     * {@link #occupancy()}, {@link #running()} and {@link #idle()} may have new values. Called
     * before the {@link #finished} callbacks of the same change.
     */
    default void occupancyChanged(double time) {}
  }

  private final Simulator sim;
  private final ServingLimits limits;
  private final BatchPolicy policy;
  /** What happens when the cache runs out; {@link #preempt}: reserve as sequences grow. */
  private final KvPreemption preemption;
  private final boolean preempt;
  private final IterationCost cost;
  private final Listener<O> listener;
  private final ArrayDeque<Request<O>> waiting = new ArrayDeque<>();
  private final List<Request<O>> running = new ArrayList<>();
  /** Requests whose cache is in host memory, the next to be copied back first. */
  private final ArrayDeque<Request<O>> swapped = new ArrayDeque<>();
  /** Requests given their first chunk by the phase being set up, told once it is set. */
  private final ArrayDeque<Request<O>> toNotify = new ArrayDeque<>();
  private long kvReserved;
  /** KV tokens held in the host swap space. */
  private long hostReserved;

  private boolean inPhase;
  private double phaseStart;
  private int phaseIterations;
  private boolean phaseIsPrefill;
  private Batch prefillBatch;
  private int phaseDecodes;
  private double phaseContext;
  /** Seconds of swap copies done before the first iteration of the phase runs its model. */
  private double phaseCopy;
  private long phaseHandle = -1;
  private long iterations;
  private double busyTime;

  /** An engine with Sarathi's decode-first chunked batching. */
  public InferenceEngine(Simulator sim, ServingLimits limits, IterationCost cost,
      Listener<O> listener) {
    this(sim, limits, BatchPolicy.DECODE_FIRST_CHUNKED, false, cost, listener);
  }

  /**
   * @param preempt false: a request reserves KV for its whole prompt and output at admission,
   *     so nothing is ever preempted; true: as vLLM, admission reserves the prompt, each decode
   *     iteration one more token per sequence, and when the cache cannot hold the next
   *     iteration the most recently admitted request is preempted by recomputation (its cache
   *     dropped, its prompt and outputs so far prefilled again when readmitted)
   */
  public InferenceEngine(Simulator sim, ServingLimits limits, BatchPolicy policy,
      boolean preempt, IterationCost cost, Listener<O> listener) {
    this(sim, limits, policy, preempt ? KvPreemption.RECOMPUTE : KvPreemption.NONE, cost,
        listener);
  }

  /**
   * @param preemption none: a request reserves KV for its whole prompt and output at
   *     admission; recompute or swap: as vLLM, admission reserves the prompt, each decode
   *     iteration one more token per sequence, and when the cache cannot hold the next
   *     iteration the most recently admitted requests are preempted (see the class comment)
   */
  public InferenceEngine(Simulator sim, ServingLimits limits, BatchPolicy policy,
      KvPreemption preemption, IterationCost cost, Listener<O> listener) {
    this.sim = sim;
    this.limits = limits;
    this.preemption = java.util.Objects.requireNonNull(preemption, "preemption");
    this.preempt = preemption.lazy();
    this.policy = java.util.Objects.requireNonNull(policy, "policy");
    this.cost = cost;
    this.listener = listener;
  }

  /** Whether a request of this size could ever be served (its reservation fits the cache). */
  public boolean canEverServe(int promptTokens, int outputTokens) {
    return (long) promptTokens + outputTokens <= limits.kvTokens();
  }

  /** Requests waiting for admission, swapped out to host memory, and in the batch. */
  public int load() {
    return waiting.size() + swapped.size() + running.size();
  }

  public int running() {
    return running.size();
  }

  public int waiting() {
    return waiting.size();
  }

  /** Requests whose KV cache is in host memory (swap preemption), waiting to be copied back. */
  public int swapped() {
    return swapped.size();
  }

  /** KV-cache tokens held in the host swap space. */
  public long hostReserved() {
    return hostReserved;
  }

  public boolean idle() {
    return waiting.isEmpty() && running.isEmpty() && swapped.isEmpty();
  }

  /**
   * Share of the engine's capacity the batch holds: the larger of its sequences against
   * {@code maxSeqs} and its KV-cache reservation against {@code kvTokens}, whichever binds
   * admission (0 when idle, 1 when no further request of any size could be admitted for one of
   * the two). O(1).
   */
  public double occupancy() {
    return Math.max(running.size() / (double) limits.maxSeqs(),
        kvReserved / (double) limits.kvTokens());
  }

  /** KV-cache tokens reserved by the sequences in the batch. */
  public long kvReserved() {
    return kvReserved;
  }

  /** Iterations run so far. */
  public long iterations() {
    return iterations;
  }

  /** Seconds spent iterating (the engine's busy time), up to the last phase boundary. */
  public double busyTime() {
    return busyTime;
  }

  public ServingLimits limits() {
    return limits;
  }

  /** A request arrives; it joins the batch at the next iteration boundary. */
  public void submit(Request<O> r) {
    if (!canEverServe(r.promptTokens, r.outputTokens)) {
      throw new IllegalArgumentException("request of " + r.reservation()
          + " tokens can never fit a KV cache of " + limits.kvTokens());
    }
    waiting.addLast(r);
    if (!inPhase) {
      startPhase();
    } else if (!phaseIsPrefill && phaseIterations > 1) {
      cutPhase();
    }
  }

  /**
   * Removes {@code r} (expired, or the caller gave up on it); returns whether it was here. The
   * iteration in flight is abandoned for everyone; completed iterations keep their progress.
   */
  public boolean remove(Request<O> r) {
    if (waiting.remove(r)) {
      return true;
    }
    if (swapped.remove(r)) {
      hostReserved -= r.held;
      r.held = 0;
      return true;
    }
    if (!running.contains(r)) {
      return false;
    }
    if (inPhase) {
      sim.cancel(phaseHandle);
      inPhase = false;
      // swap copies begun in the abandoned phase stay done: caches are where they were sent
      applyIterations(completedIterations(), r);
    }
    if (running.remove(r)) {
      kvReserved -= r.held;
      r.held = 0;
      listener.occupancyChanged(sim.now());
    }
    if (!inPhase) {
      startPhase();
    }
    return true;
  }

  /** Drops every request (node went down); returns them, running ones first. */
  public List<Request<O>> clear() {
    if (inPhase) {
      sim.cancel(phaseHandle);
      busyTime += sim.now() - phaseStart;
      inPhase = false;
    }
    List<Request<O>> all = new ArrayList<>(running);
    all.addAll(swapped);
    all.addAll(waiting);
    boolean changed = !running.isEmpty();
    running.clear();
    swapped.clear();
    waiting.clear();
    kvReserved = 0;
    hostReserved = 0;
    if (changed) {
      listener.occupancyChanged(sim.now());
    }
    return all;
  }

  private Batch decodeBatch(int j) {
    return new Batch(0, 0, 0, phaseDecodes, phaseContext + phaseDecodes * (j - 1) / 2.0);
  }

  /** Time of the first {@code j} iterations of the current phase, swap copies included. */
  private double phaseTime(int j) {
    if (j <= 0) {
      return 0;
    }
    double t = phaseIsPrefill ? cost.seconds(prefillBatch) : j * cost.seconds(decodeBatch(j));
    if (!(t > 0) || Double.isInfinite(t)) {
      throw new IllegalStateException("iteration cost must be positive and finite, was " + t);
    }
    return phaseCopy + t;
  }

  /** Iterations of the current phase finished by now (binary search on the phase clock). */
  private int completedIterations() {
    double elapsed = sim.now() - phaseStart;
    int lo = 0;
    int hi = phaseIterations;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (phaseTime(mid) <= elapsed * (1 + 1e-12)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Ends the current decode phase after the iteration now in flight. */
  private void cutPhase() {
    int keep = completedIterations() + 1;
    if (keep >= phaseIterations) {
      return;
    }
    sim.cancel(phaseHandle);
    phaseIterations = keep;
    phaseHandle = sim.scheduleAt(Math.max(sim.now(), phaseStart + phaseTime(keep)),
        this::endPhase);
  }

  private void startPhase() {
    phaseCopy = 0;  // the copies of an earlier phase were charged to it
    boolean preempted = preempt && makeRoom();
    boolean changed = preempted;
    if (!preempted) {  // vLLM swaps in and admits nobody in a step that preempts
      changed = swapIn();
      if (swapped.isEmpty()) {  // swapped requests resume before any new one is admitted
        changed |= admit();
      }
    }
    if (changed) {
      listener.occupancyChanged(sim.now());
    }
    if (running.isEmpty()) {
      return;
    }
    int decodes = 0;
    double decodeContext = 0;
    int minRemaining = Integer.MAX_VALUE;
    for (Request<O> r : running) {
      if (r.decoding()) {
        decodes++;
        decodeContext += r.context();
        minRemaining = Math.min(minRemaining, r.outputTokens - r.generated);
      }
    }
    boolean prefillFirst = false;
    if (policy == BatchPolicy.PREFILL_FIRST) {
      for (Request<O> r : running) {
        prefillFirst |= !r.decoding();
      }
    }
    if (prefillFirst) {  // the decodes wait for this iteration
      decodes = 0;
      decodeContext = 0;
    }
    int budget = limits.maxBatchedTokens() - decodes;
    int prefillSeqs = 0;
    int prefillTokens = 0;
    double prefillContext = 0;
    for (Request<O> r : running) {
      r.chunk = 0;
      int left = r.prefillTarget - r.prefilled;
      if (!r.decoding() && budget > 0 && !(prefillFirst && left > budget && prefillSeqs > 0)) {
        int chunk = Math.min(budget, left);
        r.chunk = chunk;
        budget -= chunk;
        prefillSeqs++;
        prefillTokens += chunk;
        prefillContext += r.prefilled;
        if (Double.isNaN(r.scheduledAt)) {
          r.scheduledAt = sim.now();
          toNotify.addLast(r);
        }
      }
    }
    phaseDecodes = decodes;
    phaseContext = decodeContext;
    phaseIsPrefill = prefillSeqs > 0;
    if (phaseIsPrefill) {
      phaseIterations = 1;
      prefillBatch = new Batch(prefillSeqs, prefillTokens, prefillContext, decodes,
          decodeContext);
    } else if (decodes == 0) {
      // every admitted sequence waits on a prefill that got no budget: cannot happen while
      // maxBatchedTokens > maxSeqs; guard anyway rather than spin
      throw new IllegalStateException("engine has running sequences but no work");
    } else {
      phaseIterations = minRemaining;
      if (preempt) {  // no more iterations than the free cache can grow by
        phaseIterations = (int) Math.max(1, Math.min(minRemaining,
            (limits.kvTokens() - kvReserved) / decodes));
      }
    }
    inPhase = true;
    phaseStart = sim.now();
    phaseHandle = sim.schedule(phaseTime(phaseIterations), this::endPhase);
    // told only now that the phase is set, and drained from a queue rather than iterated, so
    // a callback that changes the engine finds it consistent
    Request<O> s;
    while ((s = toNotify.pollFirst()) != null) {
      listener.scheduled(s, s.scheduledAt);
    }
  }

  /** Admits waiting requests while the batch has room; returns whether any was admitted. */
  private boolean admit() {
    boolean any = false;
    // with preemption, leave room for the next token of every decoding sequence
    long spare = preempt ? decodingCount() : 0;
    while (!waiting.isEmpty() && running.size() < limits.maxSeqs()) {
      Request<O> next = waiting.peekFirst();
      long need = preempt ? next.prefillTarget : next.reservation();
      if (kvReserved + need + spare > limits.kvTokens()) {
        break; // first come first served: no overtaking by smaller requests
      }
      waiting.pollFirst();
      next.held = need;
      kvReserved += need;
      running.add(next);
      any = true;
    }
    return any;
  }

  /**
   * Copies swapped requests back, the head of the queue first, while the batch has room and the
   * cache can hold them and the next token of every decoding sequence (vLLM's swap-in);
   * returns whether any came back. No overtaking, as in {@link #admit}.
   */
  private boolean swapIn() {
    boolean any = false;
    long spare = decodingCount();
    while (!swapped.isEmpty() && running.size() < limits.maxSeqs()) {
      Request<O> r = swapped.peekFirst();
      long grow = r.decoding() ? 1 : 0;
      if (kvReserved + r.held + spare + grow > limits.kvTokens()) {
        break;
      }
      swapped.pollFirst();
      hostReserved -= r.held;
      kvReserved += r.held;
      spare += grow;
      running.add(r);
      phaseCopy += r.held * preemption.secondsPerToken();
      listener.swappedIn(r, sim.now(), r.held);
      any = true;
    }
    return any;
  }

  /**
   * Preempts the most recently admitted requests until the cache can take one more token for
   * every decoding sequence (vLLM's preemption); returns whether any was preempted. Under swap,
   * a victim whose cache fits the host swap space left is swapped out (to the head of the swap
   * queue, as a recomputed one goes to the head of the waiting queue); one that does not is
   * recomputed (vLLM would abort the engine: "lack of CPU swap space").
   */
  private boolean makeRoom() {
    boolean any = false;
    while (running.size() > 1 && kvReserved + decodingCount() > limits.kvTokens()) {
      Request<O> victim = running.remove(running.size() - 1);
      kvReserved -= victim.held;
      any = true;
      if (preemption.mode() == KvPreemption.Mode.SWAP
          && hostReserved + victim.held <= preemption.hostTokens()) {
        hostReserved += victim.held;
        victim.chunk = 0;
        swapped.addFirst(victim);
        phaseCopy += victim.held * preemption.secondsPerToken();
        listener.swappedOut(victim, sim.now(), victim.held);
        continue;
      }
      victim.held = 0;
      victim.prefillTarget = victim.promptTokens + victim.generated;
      victim.prefilled = 0;
      victim.chunk = 0;
      waiting.addFirst(victim);
      listener.preempted(victim, sim.now());
    }
    return any;
  }

  private int decodingCount() {
    int k = 0;
    for (Request<O> r : running) {
      k += r.decoding() ? 1 : 0;
    }
    return k;
  }

  private void endPhase() {
    inPhase = false;
    applyIterations(phaseIterations, null);
    if (!inPhase) { // a callback may already have started the next phase by submitting
      startPhase();
    }
  }

  /** Advances every running request by {@code n} iterations of the current phase. */
  private void applyIterations(int n, Request<O> skipCallbacks) {
    double now = sim.now();
    busyTime += now - phaseStart;
    if (n <= 0) {
      return;
    }
    iterations += n;
    cost.account(phaseIsPrefill ? prefillBatch : decodeBatch(n), n);
    // every iteration of a phase runs the same model time; the first also does the copies
    double interval = (phaseTime(n) - phaseCopy) / n;
    double firstTokenEnd = phaseStart + phaseCopy + interval;
    List<Request<O>> done = null;
    for (Request<O> r : running) {
      if (!r.decoding()) {
        if (phaseIsPrefill && r.chunk > 0) {
          r.prefilled += r.chunk;
          r.chunk = 0;
          if (r.decoding() && r.recomputing()) {  // recomputed: the next token, no first one
            r.generated++;
            if (r != skipCallbacks) {
              listener.tokens(r, now - r.lastTokenAt, 0, 1);
            }
            r.lastTokenAt = now;
          } else if (r.decoding()) {
            r.generated = 1; // the last prefill chunk yields the first token
            r.firstTokenAt = now;
            r.lastTokenAt = now;
            if (r != skipCallbacks) {
              listener.firstToken(r, now);
            }
          }
        }
      } else if (phaseDecodes > 0) {  // was decoding when the iterations began, not paused
        r.generated += n;
        if (preempt) {
          r.held += n;  // each iteration writes one more token of its cache
          kvReserved += n;
        }
        if (r != skipCallbacks) {
          listener.tokens(r, firstTokenEnd - r.lastTokenAt, interval, n);
        }
        r.lastTokenAt = phaseStart + phaseCopy + n * interval;
      }
      if (r.decoding() && r.generated >= r.outputTokens) {
        if (done == null) {
          done = new ArrayList<>(2);
        }
        done.add(r);
      }
    }
    if (done != null) {
      for (Request<O> r : done) {
        running.remove(r);
        kvReserved -= r.held;
        r.held = 0;
      }
      listener.occupancyChanged(now);
      for (Request<O> r : done) {
        if (r != skipCallbacks) {
          listener.finished(r, now);
        }
      }
    }
  }
}
