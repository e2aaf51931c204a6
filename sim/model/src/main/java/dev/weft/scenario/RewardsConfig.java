package dev.weft.scenario;

/** How the reward pool (emission plus unburned fees) is shared among roles each epoch. */
@Doc("Reward distribution.")
public record RewardsConfig(
    @Doc("Governance split of the pool among roles; sums to 1.") @Default("{}") RewardSplit split,
    @Doc("Availability rewards per identity or by stake: identity or stake.") @Default("stake")
        String availabilityWeighting,
    @Doc("A role's epoch share nobody earned (no verified work, no checks, nobody available):"
        + " treasury, burn, or carry (kept for the next epoch with someone to pay).")
        @Default("treasury") String unclaimed) {}
