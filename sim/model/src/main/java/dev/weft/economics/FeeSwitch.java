package dev.weft.economics;

import dev.weft.scenario.FeesConfig;

/**
 * The fee policy in force, which a governance upgrade may replace mid-run: every part of the
 * economy holds this one object and it forwards to the current policy, so a switch is one
 * assignment. Jobs are priced by the policy in force when they are delivered; fees already in
 * escrow settle as they were priced (see {@link Jobs}).
 *
 * <p>The switch rule for the one policy with state of its own, the EIP-1559 base fee: when
 * EIP-1559 stays in force (only its parameters change) the base fee carries over, as a hard
 * fork that retunes Ethereum's elasticity keeps the base fee of the last block; when EIP-1559
 * replaces another policy, its base fee starts at the new list price per GPU-hour converted
 * at the token price of the switch, as it starts at genesis at the list price converted at
 * the starting token price. An auction's bids are re-derived from the operators' costs and
 * the new markup.
 */
final class FeeSwitch implements FeePolicy {
  private final double unit;
  private FeePolicy current;
  private FeesConfig cfg;
  private OperatorView view;

  /** {@code unit}: one base unit in tokens (the base fee's floor). */
  FeeSwitch(FeesConfig cfg, double startPrice, double unit) {
    this.unit = unit;
    this.cfg = cfg;
    this.current = FeePolicies.create(cfg, startPrice, unit);
  }

  /** The configuration in force. */
  FeesConfig config() {
    return cfg;
  }

  /** The policy in force (for tests and the summary). */
  FeePolicy current() {
    return current;
  }

  /**
   * From now on, jobs are priced under {@code next}, at token price {@code tokenPrice}; nothing
   * when {@code next} is the configuration in force.
   */
  void use(FeesConfig next, double tokenPrice) {
    if (next.equals(cfg)) {
      return;
    }
    FeePolicy replacement = FeePolicies.create(next, tokenPrice, unit);
    if (current instanceof Eip1559Fees old && replacement instanceof Eip1559Fees) {
      replacement = new Eip1559Fees(old.baseFee(), next.targetUtilization(),
          next.maxChangeDenominator(), next.burn(), next.tip(), unit);
    }
    current = replacement;
    cfg = next;
    if (view != null) {
      current.attach(view);
    }
  }

  @Override
  public void attach(OperatorView operators) {
    this.view = operators;
    current.attach(operators);
  }

  @Override
  public void quote(int operator, double gpuSeconds, double fiatValue, double tokenPrice,
      Quote out) {
    current.quote(operator, gpuSeconds, fiatValue, tokenPrice, out);
  }

  @Override
  public void endEpoch(double utilization) {
    current.endEpoch(utilization);
  }

  @Override
  public boolean paysWinner() {
    return current.paysWinner();
  }

  @Override
  public void operatorsChanged() {
    current.operatorsChanged();
  }

  @Override
  public double bid(int operator) {
    return current.bid(operator);
  }

  @Override
  public double baseFee() {
    return current.baseFee();
  }
}
