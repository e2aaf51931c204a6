package dev.weft.network;

import java.util.function.Consumer;

/**
 * Told when a transfer ends. Always called from an engine event, never from inside a network
 * method, so a listener may start or cancel transfers freely.
 */
public interface FlowListener {

  /** Every byte arrived. */
  void completed(Flow flow);

  /** The transfer was cut by a fault; {@link Flow#failure()} says which kind. */
  void failed(Flow flow);

  /** A listener that ignores both outcomes. */
  FlowListener NONE = of(f -> {}, f -> {});

  static FlowListener of(Consumer<Flow> completed, Consumer<Flow> failed) {
    return new FlowListener() {
      @Override
      public void completed(Flow flow) {
        completed.accept(flow);
      }

      @Override
      public void failed(Flow flow) {
        failed.accept(flow);
      }
    };
  }
}
