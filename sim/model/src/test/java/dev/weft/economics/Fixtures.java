package dev.weft.economics;

import dev.weft.scenario.BehavioursConfig;
import dev.weft.scenario.RecordDefaults;
import java.util.ArrayList;
import java.util.List;

/** Builds the economy's shared state for unit tests of one collaborator, without an Economy. */
final class Fixtures {
  private Fixtures() {}

  /** A fee policy that charges nothing: the collaborators under test do not price jobs. */
  private static final FeePolicy FREE = (op, gpuSeconds, fiat, price, out) -> { };

  /** Books over a fresh ledger for {@code specs}, before genesis, at token price 1. */
  static Books books(double unitsPerToken, long minimumStake, List<OperatorSpec> specs) {
    Operators ops = new Operators(specs);
    return new Books(new Ledger(Accounts.count(ops.n)), ops, unitsPerToken, minimumStake, FREE,
        1);
  }

  /**
   * A single-GPU operator with {@code stake} tokens and energy costs only: 1 kW above idle at
   * 3.6 per kWh, so 0.001 fiat per GPU-second of computing.
   */
  static OperatorSpec operator(Behaviour behaviour, double stake) {
    return new OperatorSpec("a", behaviour, stake, 1, new OperatorCosts(0, 1, 0, 1000, 3.6, 0));
  }

  /** One {@link #operator} per behaviour, each with {@code stake} tokens. */
  static List<OperatorSpec> operators(double stake, Behaviour... behaviours) {
    List<OperatorSpec> out = new ArrayList<>();
    for (Behaviour b : behaviours) {
      out.add(operator(b, stake));
    }
    return out;
  }

  /** Behaviours that never draw: lazy operators always skip, colluders always return junk. */
  static BehavioursConfig certainBehaviours() {
    BehavioursConfig b = RecordDefaults.of(BehavioursConfig.class);
    b = Configs.with(b, "lazySkipRate", "1");
    return Configs.with(b, "collusionSkipRate", "1");
  }
}
