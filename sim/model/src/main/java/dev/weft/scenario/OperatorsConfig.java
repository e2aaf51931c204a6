package dev.weft.scenario;

/**
 * Endogenous supply: operators leave when their trailing profit margin stays below
 * {@code -hysteresis} and return when the margin they would expect exceeds {@code +hysteresis}.
 */
@Doc("Operators joining and leaving.")
public record OperatorsConfig(
    @Doc("Whether operators leave and return on profitability.") @Default("true")
        boolean joinLeave,
    @Doc("Trailing window of the profit an operator judges by.") @Unit(Quantity.DURATION)
        @Default("7d") @Range(min = 0, minExclusive = true) double window,
    @Doc("Margin (profit / cost) beyond which an operator acts; damps flapping.")
        @Default("0.1") @Range(min = 0) double hysteresis,
    @Doc("Share of liquid tokens operators sell to the market each epoch.") @Default("1")
        @Range(min = 0, max = 1) double sellShare) {}
