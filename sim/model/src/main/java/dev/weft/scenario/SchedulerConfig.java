package dev.weft.scenario;

/** The placement policy and its knobs. */
@Doc("How jobs are placed on nodes.")
public record SchedulerConfig(
    @Doc("Placement policy.") @Default("least-loaded") @OneOf(Vocabulary.SCHEDULER_POLICY)
        String policy,
    @Doc("Re-dispatches after a node failure.") @Default("2") @Range(min = 0) int retries) {}
