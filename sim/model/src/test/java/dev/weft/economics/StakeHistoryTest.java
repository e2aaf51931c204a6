package dev.weft.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.random.RandomStreams;
import dev.weft.scenario.EconomicsConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stake over time (METRICS.md, "Stake over time") against hand-worked step functions: a
 * downtime slash, a jail and the top-up on release, with the window opening at different
 * times; and the change log replayed to each operator's end stake.
 */
class StakeHistoryTest {

  private static final double HOUR = 3600;

  /** One row of the change log. */
  private record Row(double time, int operator, double tokens, String cause) {}

  /**
   * Two honest operators of 100 tokens, hourly epochs. Operator 1 is offline [1000, 3160):
   * 30 minutes past its 6-minute allowance, slashed 1% at the epoch end t = 1 h (to 99) and
   * jailed 2 h; released and topped up to 100 at t = 3 h. The run ends at 4 h.
   */
  private static EconomicsSummary slashedAndJailed(Double warmupEnd, List<Row> log) {
    EconomicsConfig c = Configs.economics("slashing.downtime={threshold:0.9,penalty:0.02,jail:2h}",
        "epoch=1h", "operators.joinLeave=false", "operators.sellShare=0");
    List<OperatorSpec> ops = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ops.add(new OperatorSpec("a", Behaviour.HONEST, 100, 1, Configs.fixedCostPerDay(1)));
    }
    Economy e = Economy.create(c, ops, new RandomStreams(1));
    e.onStakeChange((t, o, tokens, cause) -> log.add(new Row(t, o, tokens, cause)));
    e.onOffline(1, 1000);
    if (warmupEnd != null) { // between the outage's start and end
      e.endWarmup(warmupEnd);
    }
    e.onOnline(1, 1000 + 360 + 1800);
    for (int h = 1; h <= 3; h++) {
      e.tick(h * HOUR);
    }
    return e.close(4 * HOUR);
  }

  @Test
  void meanAndLeastOverTheWholeRun() {
    EconomicsSummary s = slashedAndJailed(null, new ArrayList<>());
    EconomicsSummary.OperatorLedger slashed = s.operatorLedger().get(1);
    // 100 over [0, 1h), 99 over [1h, 3h), 100 over [3h, 4h]
    assertEquals((100 + 2 * 99 + 100) / 4.0, slashed.stakeMean(), 1e-9);
    assertEquals(99, slashed.stakeMin(), 1e-9);
    assertEquals(100, slashed.stakeStart(), 1e-9);
    assertEquals(100, slashed.stakeEnd(), 1e-9, "the ends alone do not show the slash");
    EconomicsSummary.OperatorLedger untouched = s.operatorLedger().get(0);
    assertEquals(100, untouched.stakeMean(), 1e-9);
    assertEquals(100, untouched.stakeMin(), 1e-9);
  }

  @Test
  void theWindowOpeningAtTheFirstEpochEndAfterWarmUpSeesOnlyWhatFollows() {
    // warm-up ends at 30 min: the window opens at the epoch end t = 1 h, after that epoch's
    // slash, so it starts at 99: 99 over [1h, 3h), 100 over [3h, 4h]
    EconomicsSummary s = slashedAndJailed(1800.0, new ArrayList<>());
    EconomicsSummary.OperatorLedger slashed = s.operatorLedger().get(1);
    assertEquals(HOUR, s.windowStart(), 1e-9);
    assertEquals((2 * 99 + 100) / 3.0, slashed.stakeMean(), 1e-9);
    assertEquals(99, slashed.stakeStart(), 1e-9);
    assertEquals(99, slashed.stakeMin(), 1e-9);
  }

  @Test
  void theLogStartsWithEveryStakeAndReplaysToTheEnd() {
    List<Row> log = new ArrayList<>();
    EconomicsSummary s = slashedAndJailed(null, log);
    assertEquals(new Row(0, 0, 100, StakeListener.START), log.get(0));
    assertEquals(new Row(0, 1, 100, StakeListener.START), log.get(1));
    assertEquals(new Row(HOUR, 1, 99, "slash-downtime"), log.get(2));
    assertEquals(3 * HOUR, log.get(log.size() - 1).time(), 1e-9, "the top-up on release");
    Map<Integer, Double> replayed = new HashMap<>();
    double area = 0;
    double since = 0;
    for (Row r : log) {
      if (r.operator() == 1) {
        area += replayed.getOrDefault(1, 0.0) * (r.time() - since);
        since = r.time();
      }
      replayed.put(r.operator(), r.tokens());
    }
    area += replayed.get(1) * (4 * HOUR - since);
    for (EconomicsSummary.OperatorLedger o : s.operatorLedger()) {
      assertEquals(o.stakeEnd(), replayed.get(o.id()), 1e-9);
    }
    assertEquals(s.operatorLedger().get(1).stakeMean(), area / (4 * HOUR), 1e-9,
        "the log integrates to the mean");
  }

  @Test
  void aSlashToppedUpAtTheSameInstantIsNoLowerStake() {
    // no jail: the downtime slash at the epoch end and the top-up after it happen at once, so
    // the stake never holds the slashed value for any time
    EconomicsConfig c = Configs.economics(
        "slashing.downtime={threshold:0.9,penalty:0.01,jail:0}", "epoch=1h",
        "operators.joinLeave=false", "operators.sellShare=0", "emission.schedule=none");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("a", Behaviour.HONEST, 100, 1, Configs.fixedCostPerDay(1)),
        new OperatorSpec("a", Behaviour.HONEST, 100, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    List<Row> log = new ArrayList<>();
    e.onStakeChange((t, o, tokens, cause) -> log.add(new Row(t, o, tokens, cause)));
    e.onOffline(0, HOUR);
    e.tick(HOUR);
    e.onOnline(0, 2 * HOUR);
    e.tick(2 * HOUR);
    EconomicsSummary s = e.close(3 * HOUR);
    // 54 minutes beyond the allowance at 1% per hour: 0.9 taken, then bought back
    Row slash = log.get(2);
    assertEquals(2 * HOUR, slash.time());
    assertEquals("slash-downtime", slash.cause());
    assertEquals(99.1, slash.tokens(), 1e-8, "to the ledger's rounding of 1e-9 tokens");
    assertEquals(100, log.get(log.size() - 1).tokens(), 1e-9);
    assertEquals(100, s.operatorLedger().get(0).stakeMin(), 1e-9);
    assertEquals(100, s.operatorLedger().get(0).stakeMean(), 1e-9);
  }

  @Test
  void slashesFallingDueBetweenTwoCallsApplyInTimeOrder() {
    // lazy operator 0's junk at t = 1000 and 3000 is found an hour later (4600, 6600), each a
    // 50% fraud slash; the first one's correlation penalty falls due 30 min after it (6400).
    // Nothing reaches the economy between 3000 and 7000, so all three fall due in one call.
    EconomicsConfig c = Configs.economics("verification.spotCheckRate=1",
        "verification.delay=1h", "slashing.fraud={penalty:0.5,jail:0s,"
            + "correlationWindow:30m,correlationMultiplier:3}", "slashing.downtime.penalty=0",
        "operators.joinLeave=false", "operators.sellShare=0", "emission.schedule=none");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("a", Behaviour.LAZY, 100, 1, Configs.fixedCostPerDay(1)),
        new OperatorSpec("a", Behaviour.HONEST, 900, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    List<Row> log = new ArrayList<>();
    e.onStakeChange((t, o, tokens, cause) -> log.add(new Row(t, o, tokens, cause)));
    e.onJobCompleted(0, 60, 0, 1000);
    e.onJobCompleted(0, 60, 0, 3000);
    e.tick(7000);
    List<Row> slashes = log.stream().filter(r -> r.operator() == 0 && r.time() > 0
        && r.time() < 7000).toList();
    assertEquals(List.of("slash-fraud", "slash-correlation", "slash-fraud"),
        slashes.stream().map(Row::cause).toList(), slashes.toString());
    assertEquals(List.of(4600.0, 6400.0, 6600.0), slashes.stream().map(Row::time).toList());
    assertEquals(50, slashes.get(0).tokens(), 1e-9, "half of 100");
    // the second fraud slash takes half of what the correlation penalty left
    assertEquals(slashes.get(1).tokens() / 2, slashes.get(2).tokens(), 1e-9);
  }

  @Test
  void aChangeAtTheOpeningInstantIsTheStakeAtTheStart() {
    // the window opens at the epoch end t = 1 h; a deadline slash at that same instant, after
    // the opening, is s(W) (right-continuous), held until the top-up at the epoch end 2 h
    EconomicsConfig c = Configs.economics("slashing.deadline.penalty=0.001", "epoch=1h",
        "operators.joinLeave=false", "operators.sellShare=0", "emission.schedule=none",
        "slashing.downtime.penalty=0");
    Economy e = Economy.create(c, List.of(
        new OperatorSpec("a", Behaviour.HONEST, 100, 1, Configs.fixedCostPerDay(1))),
        new RandomStreams(1));
    e.tick(HOUR);
    e.endWarmup(HOUR);
    e.onMissedDeadline(0, HOUR);
    e.tick(2 * HOUR);
    EconomicsSummary.OperatorLedger o = e.close(2 * HOUR).operatorLedger().get(0);
    assertEquals(99.9, o.stakeStart(), 1e-9);
    assertEquals(99.9, o.stakeMin(), 1e-9);
    assertEquals(99.9, o.stakeMean(), 1e-9);
    assertEquals(100, o.stakeEnd(), 1e-9, "topped up at 2 h");
  }
}
