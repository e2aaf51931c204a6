package dev.weft.economics;

/** The fiat price of one token, advanced by the economy at each epoch (times never decrease). */
public interface PriceModel {

  /** Moves the model to time {@code now} and returns the price there. */
  double advance(double now);

  /** The price at the last {@link #advance}. */
  double price();
}
