package dev.weft.scenario;

/** The continuous-batching engine of a node class (inference workloads). */
@Doc("The inference engine of each node: batch scheduler and its limits.")
public record ServingConfig(
    @Doc("Batch scheduler: sarathi (decode-first, chunked prefill) or vllm (prefill-first).")
        @Default("sarathi") ServingScheduler scheduler,
    @Doc("Most sequences in a batch (vLLM's max_num_seqs, Vidur's batch_size_cap).")
        @Default("256") @Range(min = 1) int maxSequences,
    @Doc("Tokens per iteration: Sarathi's chunk size (decode tokens plus prefill chunks), or"
        + " vLLM's budget for one prefill iteration (max_num_batched_tokens).")
        @Default("2048") @Range(min = 1) int maxBatchedTokens,
    @Doc("When the KV cache runs out: none (each request reserves its prompt and output at"
        + " admission, nothing is preempted), recompute (reserve as sequences grow, preempt"
        + " the newest and prefill it again later, as vLLM) or swap (preempt the newest by"
        + " copying its KV cache to host memory over the GPU's host link and back later, as"
        + " vLLM's preemption_mode=swap; the hardware needs a hostLink figure).")
        @Default("none") Preemption preemption,
    @Doc("Host memory per GPU that swap preemption copies KV caches into (vLLM's swap_space);"
        + " when it is full a preempted request is recomputed instead. Only with preemption:"
        + " swap.") @Unit(Quantity.DATA_SIZE) @Default("4GiB") @Range(min = 0)
        double swapSpace) {

  /** vLLM's default swap space: 4 GiB of host memory per GPU. */
  public static final double DEFAULT_SWAP_SPACE = 4.0 * (1L << 30);

  /** 256 sequences, 2,048 tokens, decode-first chunked prefill, full reservation. */
  public static final ServingConfig DEFAULT = new ServingConfig(ServingScheduler.SARATHI, 256,
      2048, Preemption.NONE, DEFAULT_SWAP_SPACE);

  public ServingConfig {
    scheduler = scheduler == null ? ServingScheduler.SARATHI : scheduler;
    preemption = preemption == null ? Preemption.NONE : preemption;
  }
}
