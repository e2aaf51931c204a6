package dev.weft.scenario;

/**
 * What submitters pay: prices set in fiat and converted at the token price, the burned share,
 * and the knobs of the EIP-1559 base fee and the reverse auction.
 */
@Doc("Fees and pricing.")
public record FeesConfig(
    @Doc("fixed, eip1559, auction or burn-mint.") @Default("fixed") String model,
    @Doc("Fiat price of one GPU-hour (for auction: the submitters' reserve price).")
        @Default("2.0") @Range(min = 0) double pricePerGpuHour,
    @Doc("Fiat price of 1,000 tokens of model output.") @Default("0") @Range(min = 0)
        double pricePer1kTokens,
    @Doc("Share of each fee burned; the rest enters the reward pool.") @Default("0")
        @Range(min = 0, max = 1) double burn,
    @Doc("Tip in fiat per GPU-hour paid straight to the operator.") @Default("0")
        @Range(min = 0) double tip,
    @Doc("eip1559: utilization the base fee steers toward.") @Default("0.5")
        @Range(min = 0, max = 1, minExclusive = true) double targetUtilization,
    @Doc("eip1559: the base fee moves by at most 1/denominator per epoch.") @Default("8")
        @Range(min = 1) int maxChangeDenominator,
    @Doc("auction: pay-as-bid or second-price.") @Default("pay-as-bid") String auctionPricing,
    @Doc("auction: operators bid their cost per GPU-hour times (1 + markup).") @Default("0.2")
        @Range(min = 0) double bidMarkup) {}
