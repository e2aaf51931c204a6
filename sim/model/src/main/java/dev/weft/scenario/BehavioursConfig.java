package dev.weft.scenario;

/** How often each dishonest or faulty behaviour acts on its opportunities. */
@Doc("Behaviour parameters.")
public record BehavioursConfig(
    @Doc("lazy: probability a job (or a check) is skipped and junk returned.") @Default("1")
        @Range(min = 0, max = 1) double lazySkipRate,
    @Doc("flaky: probability an execution fails.") @Default("0.05") @Range(min = 0, max = 1)
        double flakyFailRate,
    @Doc("sybil: probability an execution fails on an oversubscribed identity.")
        @Default("0.2") @Range(min = 0, max = 1) double sybilFailRate,
    @Doc("sybil: identities one machine presents; a class's Sybil nodes are grouped this many"
        + " at a time, splitting one stake and one machine's costs and going down together.")
        @Default("4") @Range(min = 1) int sybilIdentities,
    @Doc("colluding: probability a job is skipped and the cartel's junk returned.")
        @Default("1") @Range(min = 0, max = 1) double collusionSkipRate) {}
