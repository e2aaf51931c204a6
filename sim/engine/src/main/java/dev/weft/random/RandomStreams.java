package dev.weft.random;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A family of independent random streams derived from one master seed.
 *
 * <p>The state of stream {@code name} is the SHA-256 digest of the master seed and the name,
 * used as the 256-bit state of a xoshiro256++ generator. Different names give unrelated states
 * (the digest is a strong mixer), and the mapping does not depend on the order in which streams
 * are requested. The same idea underlies NumPy's {@code SeedSequence} and SSJ's named streams.
 */
public final class RandomStreams {

  private final long masterSeed;

  public RandomStreams(long masterSeed) {
    this.masterSeed = masterSeed;
  }

  public long masterSeed() {
    return masterSeed;
  }

  /** A fresh generator for {@code name}; asking twice gives two generators with equal output. */
  public UniformRandomProvider stream(String name) {
    return RandomSource.XO_SHI_RO_256_PP.create(stateFor(name));
  }

  /** Stream {@code name + "/" + index}: one substream per entity of a family. */
  public UniformRandomProvider stream(String name, long index) {
    return stream(name + "/" + index);
  }

  /** Streams for replication {@code r}: a new family whose names do not collide with this one. */
  public RandomStreams replication(int r) {
    return new RandomStreams(derive(masterSeed, "replication/" + r));
  }

  long[] stateFor(String name) {
    byte[] digest = sha256(masterSeed, name);
    long[] state = new long[4];
    for (int i = 0; i < 4; i++) {
      long v = 0;
      for (int b = 0; b < 8; b++) {
        v = (v << 8) | (digest[i * 8 + b] & 0xFF);
      }
      state[i] = v;
    }
    return state;
  }

  /** A 64-bit seed derived from {@code seed} and {@code name}. */
  public static long derive(long seed, String name) {
    byte[] d = sha256(seed, name);
    long v = 0;
    for (int b = 0; b < 8; b++) {
      v = (v << 8) | (d[b] & 0xFF);
    }
    return v;
  }

  private static byte[] sha256(long seed, String name) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int i = 7; i >= 0; i--) {
        md.update((byte) (seed >>> (8 * i)));
      }
      md.update(name.getBytes(StandardCharsets.UTF_8));
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
