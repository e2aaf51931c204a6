package dev.weft.hardware;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Kernel operations of models/kernels/FORMAT.md. Each op names the shape column that tables
 * are interpolated along ({@link Axis}) and whether its time is a staircase in that column
 * (tile and wave quantisation), which decides how it is interpolated. Rooflines are
 * calibrated per hardware and op: kernels as different as a norm, a gather and a copy reach
 * different shares of the same memory bandwidth, so one fit per class of ops fits none well.
 */
public enum Op {
  GEMM("gemm", Axis.M, true),
  ATTENTION_PREFILL("attention-prefill", Axis.TOKENS, true),
  ATTENTION_DECODE("attention-decode", Axis.CONTEXT, true),
  /**
   * One call serving a prefill chunk and decode sequences together; four shape axes
   * (tokens, context, batch, m), interpolated on its own grid ({@link MixedGrid}), not
   * along one axis; the axis named here only orders rows.
   */
  ATTENTION_MIXED("attention-mixed", Axis.TOKENS, true),
  ELEMENTWISE("elementwise", Axis.M, false),
  ACTIVATION("activation", Axis.M, false),
  ROPE("rope", Axis.M, false),
  SOFTMAX("softmax", Axis.M, false),
  RMSNORM("rmsnorm", Axis.M, false),
  EMBEDDING("embedding", Axis.M, false),
  SAMPLER("sampler", Axis.M, false),
  COPY("copy", Axis.BYTES, false),
  MOE("moe", Axis.TOKENS, true),
  ALL_REDUCE("all-reduce", Axis.BYTES, false),
  SEND_RECV("send-recv", Axis.BYTES, false);

  /** The shape column a table is interpolated along. */
  public enum Axis { M, TOKENS, CONTEXT, BYTES }

  private final String id;
  private final Axis axis;
  private final boolean staircase;

  Op(String id, Axis axis, boolean staircase) {
    this.id = id;
    this.axis = axis;
    this.staircase = staircase;
  }

  public String id() {
    return id;
  }

  public Axis axis() {
    return axis;
  }

  /** Time rises in steps along the axis (tiles, waves): interpolate conservatively. */
  public boolean staircase() {
    return staircase;
  }

  /** Memory-bound ops over an m x n tensor whose {@code bytes} column follows from m and n. */
  public boolean bytesDerived() {
    return axis == Axis.M && this != GEMM;
  }

  public boolean collective() {
    return this == ALL_REDUCE || this == SEND_RECV;
  }

  /** Memory-bound ops (their time is mostly bytes over bandwidth, plus a launch). */
  public boolean memoryBound() {
    return bytesDerived() || this == COPY;
  }

  /**
   * Ops whose calibration stands in when this op has none on a hardware, nearest first:
   * attention prefill and decode for each other, memory-bound ops for each other
   * (elementwise first), a MoE layer borrows the GEMM's, collectives each other's link fit.
   */
  public List<Op> standIns() {
    if (this == ATTENTION_MIXED) {
      return List.of();  // answered from its own grid, else from a prefill and a decode call
    }
    if (this == ATTENTION_PREFILL || this == ATTENTION_DECODE) {
      return List.of(this == ATTENTION_PREFILL ? ATTENTION_DECODE : ATTENTION_PREFILL);
    }
    if (this == MOE) {
      return List.of(GEMM);
    }
    if (collective()) {
      return List.of(this == ALL_REDUCE ? SEND_RECV : ALL_REDUCE);
    }
    if (memoryBound()) {
      return MEMORY_ORDER;
    }
    return List.of();
  }

  private static final List<Op> MEMORY_ORDER = List.of(ELEMENTWISE, ACTIVATION, ROPE, RMSNORM,
      SOFTMAX, COPY, EMBEDDING, SAMPLER);

  /** Any of the attention ops (prefill, decode, mixed): shapes with heads and head size. */
  public boolean attention() {
    return this == ATTENTION_PREFILL || this == ATTENTION_DECODE || this == ATTENTION_MIXED;
  }

  /** The op with this id, or {@code null}. */
  public static Op byId(String id) {
    for (Op o : values()) {
      if (o.id.equals(id)) {
        return o;
      }
    }
    return null;
  }

  /** Known ids, comma separated, for error messages. */
  public static String known() {
    return Arrays.stream(values()).map(Op::id).collect(Collectors.joining(", "));
  }
}
