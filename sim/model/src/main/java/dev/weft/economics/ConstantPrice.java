package dev.weft.economics;

/** A price that never moves. */
public final class ConstantPrice implements PriceModel {
  private final double price;

  public ConstantPrice(double price) {
    this.price = price;
  }

  @Override
  public double advance(double now) {
    return price;
  }

  @Override
  public double price() {
    return price;
  }
}
