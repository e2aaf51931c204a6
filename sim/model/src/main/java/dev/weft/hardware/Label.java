package dev.weft.hardware;

/** Where a kernel time came from, best first; reports show the share of time per label. */
public enum Label {
  MEASURED("measured"),
  INTERPOLATED("interpolated"),
  /**
   * Attention on hardware that measured none, predicted from the attention other GPUs
   * measured: their fitted efficiencies and their shape residuals ({@code AttentionTransfer}).
   */
  TRANSFERRED("transferred"),
  CALIBRATED_ROOFLINE("calibrated-roofline"),
  SPEC_ROOFLINE("spec-roofline");

  private final String id;

  Label(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The label with this id, or {@code null}. */
  public static Label byId(String id) {
    for (Label l : values()) {
      if (l.id.equals(id)) {
        return l;
      }
    }
    return null;
  }
}
