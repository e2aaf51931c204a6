package dev.weft.economics;

/** What a policy may read of the operators: who is active and what serving costs them. */
public interface OperatorView {
  int operatorCount();

  boolean isActive(int operator);

  /** The operator's full fiat cost of one GPU-hour at full utilization. */
  double costPerGpuHour(int operator);
}
