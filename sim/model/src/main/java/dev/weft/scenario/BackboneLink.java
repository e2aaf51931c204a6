package dev.weft.scenario;

/** A capacitated link between two regions; each direction has the full capacity. */
@Doc("A backbone link between two regions, full duplex.")
public record BackboneLink(
    @Doc("Region id at one end.") String from,
    @Doc("Region id at the other end.") String to,
    @Doc("Capacity in each direction.") @Unit(Quantity.BANDWIDTH)
        @Range(min = 0, minExclusive = true) double capacity) {

  public BackboneLink {
    if (from != null && from.equals(to)) {
      throw new IllegalArgumentException("a backbone link joins two different regions, not '"
          + from + "' to itself");
    }
  }
}
