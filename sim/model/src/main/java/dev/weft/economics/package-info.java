/**
 * The token economy of a run: a double-entry {@link dev.weft.economics.Ledger} in fixed-point
 * base units, and the policies that move tokens through it: emission, fees and pricing, reward
 * distribution, staking, slashing, verification, operator behaviours and costs, and the token
 * price. {@link dev.weft.economics.Economy} is the one mutable object a run drives; each policy
 * is one small class behind an interface, created by name through a registry ({@link
 * dev.weft.economics.Emissions}, {@link dev.weft.economics.FeePolicies}, {@link
 * dev.weft.economics.PriceModels}, {@link dev.weft.economics.VerificationPolicies}, {@link
 * dev.weft.economics.Behaviour}). Depends on {@code scenario} (its configuration records),
 * {@code random} and {@code collect} (the verdict heap, the stake-weighted draw) only; knows
 * nothing of scheduling, nodes or the run, which drives it.
 */
package dev.weft.economics;
