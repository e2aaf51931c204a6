package dev.weft.economics;

import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.EmissionConfig;
import dev.weft.scenario.RewardSplit;

/**
 * The end of an epoch, in this order: costs accrued and online time measured, the price moved,
 * the emission minted, the reward pool split and paid pro rata, downtime slashed, the fee policy
 * told the epoch's capacity utilization, jails released and stakes topped up, members leaving and
 * outsiders joining on trailing profit, a share of liquid tokens sold to the market, and the
 * ledger's invariants checked. Each step reads what the ones before left, so the order is part
 * of the model.
 */
final class Epochs {
  private final Books books;
  private final Ledger ledger;
  private final Operators ops;
  private final PriceModel price;
  private final Minter minter;
  private final Rewards rewards;
  private final Penalties penalties;
  private final Stakes stakes;
  private final Membership membership;
  private final Jobs jobs;
  /** Share of each operator's liquid tokens sold to the market every epoch. */
  private final double sellShare;
  private final double[] availability;
  private double lastEnd;
  /** The last epoch's net issuance, for the time series. */
  final IssuanceRate issuance;

  Epochs(EconomicsConfig cfg, Books books, PriceModel price, EmissionPolicy emission,
      Penalties penalties, Stakes stakes, Membership membership, Jobs jobs) {
    this.books = books;
    this.ledger = books.ledger;
    this.ops = books.ops;
    this.price = price;
    this.minter = new Minter(books, emission, capUnits(cfg.emission(), books));
    this.rewards = new Rewards(books, cfg.rewards().split(), cfg.staking().commission(),
        Rewards.perIdentity(cfg.rewards().availabilityWeighting()),
        UnclaimedRule.byName(cfg.rewards().unclaimed()));
    this.penalties = penalties;
    this.stakes = stakes;
    this.membership = membership;
    this.jobs = jobs;
    this.sellShare = cfg.operators().sellShare();
    this.availability = new double[ops.n];
    this.issuance = new IssuanceRate(books.ledger);
  }

  private static double capUnits(EmissionConfig c, Books books) {
    Double cap = c.maxSupply();
    return cap == null ? Double.POSITIVE_INFINITY : cap * books.unitsPerToken;
  }

  /**
   * From the next epoch end on, emission follows {@code next} (a governance upgrade): an epoch
   * ending after the upgrade mints its whole length under the new schedule. Schedules are
   * functions of the time since genesis, so a halving schedule adopted mid-run is in the
   * interval it would have reached had it run from the start; the cap bounds the supply, so it
   * counts what was already minted (net of burns); adaptive inflation continues from the rate
   * the old schedule had reached ({@link EmissionPolicy#carryOver}).
   */
  void useEmission(EmissionConfig next) {
    minter.use(Emissions.create(next), capUnits(next, books));
  }

  /** From the next epoch's payout on, the reward pool is split by {@code next}. */
  void useSplit(RewardSplit next) {
    rewards.use(next);
  }

  /**
   * From the next epoch's payout on, a role share nobody earned goes by {@code next}; what a
   * {@code carry} rule left in the pools stays there and is paid with the next epoch that has
   * someone to pay, or goes by the new rule when that epoch has nobody either.
   */
  void useUnclaimed(UnclaimedRule next) {
    rewards.use(next);
  }

  /**
   * Ends the epoch since the last end at {@code now}; nothing when no time has passed.
   * {@code capacityUtilization} is the share of serving capacity the run measured in use over
   * the epoch, or NaN when no run measures it (then delivered work stands in for it).
   */
  void end(double now, double capacityUtilization) {
    double dt = now - lastEnd;
    if (dt <= 0) {
      return;
    }
    double onlineGpuSeconds = 0;
    for (int o = 0; o < ops.n; o++) {
      ops.accrue(o, now);
      onlineGpuSeconds += ops.epochOnline[o] * ops.gpus[o];
    }
    books.price = price.advance(now, books.tokens(ledger.flow(Cause.PURCHASE)),
        books.tokens(ledger.flow(Cause.SALE)));
    minter.mint(lastEnd, now);
    for (int o = 0; o < ops.n; o++) {
      availability[o] = ops.epochPresent[o] > 0 ? ops.epochOnline[o] / ops.epochPresent[o]
          : Double.NaN;
    }
    books.poolsFilled();
    // the downtime rule in force at the epoch's end judges the whole epoch
    double downtimeThreshold = penalties.downtimeThreshold();
    rewards.distribute(availability, downtimeThreshold, now);
    books.poolsPaid();
    for (int o = 0; o < ops.n; o++) {
      if (ops.participating[o] && !ops.jailed[o] && availability[o] < downtimeThreshold) {
        // offline seconds beyond the allowance (1 - threshold) of the time present: the
        // penalty scales with them, so the epoch length does not multiply it
        double offline = ops.epochPresent[o] - ops.epochOnline[o];
        double excess = offline - (1 - downtimeThreshold) * ops.epochPresent[o];
        penalties.downtime(o, excess, now);
      }
    }
    // delivered GPU-seconds over online GPU-seconds: what the operators pay energy for, so
    // what their cost forecasts use; the fee policy steers by the capacity in use instead
    double workShare = onlineGpuSeconds > 0 ? Math.min(1, jobs.epochWork / onlineGpuSeconds)
        : 0;
    books.fees.endEpoch(Double.isNaN(capacityUtilization) ? workShare : capacityUtilization);
    for (int o = 0; o < ops.n; o++) {
      if (ops.jailed[o] && now >= ops.jailedUntil[o]) {
        ops.released(o, now);
        ops.jailed[o] = false;
        books.refresh(o);
      }
      if (ops.participating[o] && !ops.jailed[o]) {
        stakes.topUp(o, now);
      }
    }
    membership.epoch(dt, rewards.operatorBudget + jobs.epochTips, workShare, now);
    if (sellShare > 0) {
      for (int o = 0; o < ops.n; o++) {
        long units = Penalties.fraction(ledger.balance(Accounts.liquid(o)), sellShare);
        ledger.transfer(Accounts.liquid(o), Accounts.MARKET, units, Cause.SALE, now);
      }
    }
    ops.resetEpoch();
    jobs.resetEpoch();
    lastEnd = now;
    issuance.epochEnded(ledger, now);
    ledger.checkInvariants(now);
  }
}
