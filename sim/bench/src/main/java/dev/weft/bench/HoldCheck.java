package dev.weft.bench;

import dev.weft.engine.Event;
import dev.weft.engine.EventList;
import dev.weft.engine.HeapEventList;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A quick check, run by {@code sim/bench/run.sh} before JMH, that the five hold-model variants do
 * the same work: driven through the very benchmark methods, from the same fill and increments,
 * they must remove events at bit-for-bit the same times, and the three plain lists must end up
 * holding the same pending times. It also checks that Weft's heap keeps equal times first-in
 * first-out under heavy ties. Exits non-zero on any mismatch. Takes about a second.
 */
public final class HoldCheck {

  private HoldCheck() {}

  public static void main(String[] args) {
    int batches = 200; // 204,800 holds per variant and size
    for (int pending : new int[] {1_000, 10_007}) {
      crossCheck(pending, batches);
    }
    tiesStayFifo();
    System.out.println("hold check: OK");
  }

  static void crossCheck(int pending, int batches) {
    HoldModel bench = new HoldModel();

    HoldModel.WeftHeap weft = new HoldModel.WeftHeap();
    HoldModel.WeftSim weftSim = new HoldModel.WeftSim();
    HoldModel.SsjSplay ssj = new HoldModel.SsjSplay();
    HoldModel.SsjSim ssjSim = new HoldModel.SsjSim();
    HoldModel.DsolTree dsol = new HoldModel.DsolTree();
    for (HoldModel.HoldState s : new HoldModel.HoldState[] {weft, weftSim, ssj, ssjSim, dsol}) {
      s.pending = pending;
    }
    weft.setUp();
    weftSim.setUp();
    ssj.setUp();
    ssjSim.setUp();
    dsol.setUp();

    double[][] last = new double[5][batches];
    for (int b = 0; b < batches; b++) {
      last[0][b] = bench.weftHeap(weft);
      last[1][b] = bench.weftSimulator(weftSim);
      last[2][b] = bench.ssjSplayTree(ssj);
      last[3][b] = bench.ssjSimulator(ssjSim);
      last[4][b] = bench.dsolRedBlackTree(dsol);
    }
    String[] names = {"weftHeap", "weftSimulator", "ssjSplayTree", "ssjSimulator", "dsolRedBlackTree"};
    for (int i = 1; i < 5; i++) {
      if (!Arrays.equals(last[0], last[i])) {
        fail(names[i] + " removed events at other times than weftHeap (pending " + pending + ")");
      }
    }

    double[] weftLeft = new double[pending];
    for (int i = 0; i < pending; i++) {
      weftLeft[i] = weft.list.firstTime();
      weft.list.removeFirst();
    }
    double[] ssjLeft = new double[pending];
    for (int i = 0; i < pending; i++) {
      ssjLeft[i] = ssj.list.removeFirst().time();
    }
    double[] dsolLeft = new double[pending];
    for (int i = 0; i < pending; i++) {
      dsolLeft[i] = dsol.list.removeFirst().getAbsoluteExecutionTime();
    }
    if (!weft.list.isEmpty() || ssj.list.removeFirst() != null || !dsol.list.isEmpty()) {
      fail("a list held more than " + pending + " events");
    }
    if (!Arrays.equals(weftLeft, ssjLeft) || !Arrays.equals(weftLeft, dsolLeft)) {
      fail("the lists hold different pending times after the run (pending " + pending + ")");
    }
    System.out.printf(
        "hold check: pending %,d: 5 variants agree over %,d holds; final clock %.6f%n",
        pending, (long) batches * HoldModel.BATCH, last[0][batches - 1]);
  }

  /** Integer increments make equal times common; the heap must pop them in sequence order. */
  static void tiesStayFifo() {
    EventList list = new HeapEventList();
    SplittableRandom rng = new SplittableRandom(7);
    Event nop = () -> {};
    long seq = 0;
    for (int i = 0; i < 5_000; i++) {
      list.add(rng.nextInt(50), seq++, nop);
    }
    double prevTime = Double.NEGATIVE_INFINITY;
    long prevSeq = -1;
    for (int i = 0; i < 200_000; i++) {
      double t = list.firstTime();
      long s = list.firstSequence();
      if (t < prevTime || (t == prevTime && s <= prevSeq)) {
        fail("heap popped (" + t + ", #" + s + ") after (" + prevTime + ", #" + prevSeq + ")");
      }
      prevTime = t;
      prevSeq = s;
      list.add(t + rng.nextInt(3), seq++, list.removeFirst());
    }
    System.out.println("hold check: equal times leave Weft's heap first-in first-out");
  }

  private static void fail(String message) {
    System.err.println("hold check FAILED: " + message);
    System.exit(1);
  }
}
