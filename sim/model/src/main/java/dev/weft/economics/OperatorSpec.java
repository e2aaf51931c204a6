package dev.weft.economics;

/**
 * One operator as the run builds it (its index in the list is its id): node class name,
 * behaviour, own stake in tokens at genesis, GPUs, fiat costs, and its node's region (null
 * where the scenario places nodes in none).
 */
public record OperatorSpec(String nodeClass, Behaviour behaviour, double stake, int gpus,
    OperatorCosts costs, String region) {

  /** An operator in no region. */
  public OperatorSpec(String nodeClass, Behaviour behaviour, double stake, int gpus,
      OperatorCosts costs) {
    this(nodeClass, behaviour, stake, gpus, costs, null);
  }

  public OperatorSpec {
    if (gpus < 1 || !(stake >= 0)) {
      throw new IllegalArgumentException("an operator needs gpus >= 1 and stake >= 0");
    }
  }
}
