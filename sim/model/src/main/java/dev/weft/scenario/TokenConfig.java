package dev.weft.scenario;

/** The token: its symbol, genesis supply, ledger precision and fiat price model. */
@Doc("The token.")
public record TokenConfig(
    @Doc("Ticker used in reports.") @Default("TOKEN") String symbol,
    @Doc("Tokens in existence at time 0.") @Default("1e9") @Range(min = 0) double initialSupply,
    @Doc("Ledger precision: one base unit is 10^-decimals tokens (as ERC-20 decimals).")
        @Default("9") @Range(min = 0, max = 18) int decimals,
    @Doc("The fiat price of one token over time.") @Default("{}") PriceConfig price) {}
