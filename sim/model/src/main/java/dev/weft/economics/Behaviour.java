package dev.weft.economics;

import dev.weft.scenario.BehavioursConfig;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How an operator acts at the decision points of a run: whether an execution fails, what
 * result it returns (and so whether it spends the compute), and whether, as a verifier, it
 * approves a result without honestly checking it.
 */
public enum Behaviour {
  /** Does the work, checks honestly. */
  HONEST,
  /** Skips work and returns junk to save its compute cost; rubber-stamps checks it is given. */
  LAZY,
  /** Honest, but executions fail at random. */
  FLAKY,
  /**
   * One of several identities of one machine (see {@link Operators}): they split one stake and
   * one machine's costs, go down together, collect rewards paid per identity, and fail
   * executions when the shared machine is oversubscribed.
   */
  SYBIL,
  /**
   * A cartel member: returns the cartel's junk only where cheating pays the cartel, decided
   * per job by {@link Checks} (where the cartel can carry the vote, or where the expected slash
   * is below the compute saved), and approves the cartel's junk as verifier.
   */
  COLLUDING;

  private static final List<String> NAMES = List.of(values()).stream()
      .map(Behaviour::label).toList();

  /** The name scenarios use. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> names() {
    return NAMES;
  }

  public static Behaviour byName(String name) {
    for (Behaviour b : values()) {
      if (b.label().equals(name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown behaviour '" + name + "', known: "
        + String.join(", ", names()));
  }

  /** Whether an execution fails outright (the run treats the job as failed on this node). */
  public boolean failsExecution(UniformRandomProvider rng, BehavioursConfig p) {
    return switch (this) {
      case FLAKY -> draw(rng, p.flakyFailRate());
      case SYBIL -> draw(rng, p.sybilFailRate());
      default -> false;
    };
  }

  /**
   * The result of an execution; anything but {@link Result#CORRECT} spent no compute. A
   * colluder's result is the cartel's decision for the job ({@link Checks}), not drawn here.
   */
  public Result execute(UniformRandomProvider rng, BehavioursConfig p) {
    return this == LAZY && draw(rng, p.lazySkipRate()) ? Result.JUNK : Result.CORRECT;
  }

  /**
   * Whether, asked to check {@code result}, the operator approves it without re-executing:
   * a lazy verifier skips as often as it skips work, a colluder waves the cartel's junk through.
   */
  public boolean approvesUnchecked(Result result, UniformRandomProvider rng,
      BehavioursConfig p) {
    return switch (this) {
      case LAZY -> draw(rng, p.lazySkipRate());
      case COLLUDING -> result == Result.CARTEL_JUNK;
      default -> false;
    };
  }

  static boolean draw(UniformRandomProvider rng, double p) {
    return p >= 1 || (p > 0 && rng.nextDouble() < p);
  }
}
