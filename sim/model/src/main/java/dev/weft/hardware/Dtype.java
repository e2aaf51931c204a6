package dev.weft.hardware;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Element type of a kernel's operands; the id is what kernel tables and the CLI write. */
public enum Dtype {
  BF16("bf16", 2),
  FP16("fp16", 2),
  FP32("fp32", 4),
  FP64("fp64", 8);

  private final String id;
  private final int bytes;

  Dtype(String id, int bytes) {
    this.id = id;
    this.bytes = bytes;
  }

  public String id() {
    return id;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** The dtype with this id, or {@code null} when there is none. */
  public static Dtype byId(String id) {
    for (Dtype d : values()) {
      if (d.id.equals(id)) {
        return d;
      }
    }
    return null;
  }

  /** Known ids, comma separated, for error messages. */
  public static String known() {
    return Arrays.stream(values()).map(Dtype::id).collect(Collectors.joining(", "));
  }

  /**
   * The other 16-bit float type ({@code bf16} for {@code fp16} and the reverse), or null. On
   * hardware whose tensor cores run both at one rate (Ampere and later) the kernels that serve
   * them are the same code instantiated for either type, with the same tiles and bytes, so a
   * timing of one answers the other (FORMAT.md "Dtype equivalence").
   */
  public Dtype twin16() {
    return this == BF16 ? FP16 : this == FP16 ? BF16 : null;
  }

  /** The 2-byte float type for a model stored with {@code bytes} per element (else fp32). */
  public static Dtype ofElementBytes(int bytes) {
    return bytes == 2 ? BF16 : bytes == 8 ? FP64 : FP32;
  }
}
