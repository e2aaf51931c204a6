package dev.weft.scenario;

/** An arrival process: Poisson at a rate, or a renewal process with a given gap distribution. */
@Doc("An arrival process.")
public record Arrivals(
    @Doc("poisson (rate) or renewal (interarrival).") @OneOf(Vocabulary.ARRIVAL_PROCESS)
        String process,
    @Doc("Mean arrivals per unit time (poisson).") @Unit(Quantity.RATE) @Default(Default.NONE)
        @Range(min = 0, minExclusive = true) Double rate,
    @Doc("Time between arrivals (renewal).") @Unit(Quantity.DURATION) @Default(Default.NONE)
        DistSpec interarrival) {}
