package dev.weft.economics;

/** The fiat price of one token, advanced by the economy at each epoch (times never decrease). */
public interface PriceModel {

  /** Moves the model to time {@code now} and returns the price there. */
  double advance(double now);

  /**
   * Moves the model to {@code now} knowing the tokens the public has sold to the economy's
   * participants ({@code boughtTotal}: fee and stake purchases) and bought from them
   * ({@code soldTotal}: operators' sales), both cumulative since genesis. Exogenous models
   * ignore them; an endogenous one ({@link AmmPrice}) is moved by them.
   */
  default double advance(double now, double boughtTotal, double soldTotal) {
    return advance(now);
  }

  /** The price at the last {@link #advance}. */
  double price();
}
