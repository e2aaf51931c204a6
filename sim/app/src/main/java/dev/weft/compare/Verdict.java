package dev.weft.compare;

/** What the evidence says about one objective. */
public enum Verdict {
  /** The 95% interval (Holm-adjusted test) lies on the objective's side of the threshold. */
  MET("met"),
  /** It lies on the other side. */
  NOT_MET("not met"),
  /** It straddles the threshold: more replications may decide. */
  INCONCLUSIVE("inconclusive");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
