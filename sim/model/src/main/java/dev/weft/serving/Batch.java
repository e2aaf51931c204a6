package dev.weft.serving;

/**
 * What one engine iteration processes: prefill chunks and one token for each decoding
 * sequence. Context sums count cached tokens the attention reads.
 *
 * @param prefillSeqs sequences with a prefill chunk this iteration
 * @param prefillTokens new prompt tokens processed this iteration
 * @param prefillContext sum over prefill chunks of the tokens cached before the chunk
 * @param decodeSeqs sequences generating one token this iteration
 * @param decodeContext sum over decoding sequences of their cached tokens
 */
public record Batch(int prefillSeqs, int prefillTokens, double prefillContext, int decodeSeqs,
    double decodeContext) {}
