package dev.weft.cli;

import java.util.function.DoubleConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error, shown only on a terminal and only once a run has taken
 * about a second, so quick runs and redirected output stay clean.
 */
final class Progress implements DoubleConsumer, AutoCloseable {
  private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
  private final boolean enabled;
  private final String task;
  private final long start = System.nanoTime();
  private ProgressBar bar;

  private Progress(boolean enabled, String task) {
    this.enabled = enabled;
    this.task = task;
  }

  static Progress onTerminal(String task) {
    return new Progress(System.console() != null, task);
  }

  @Override
  public void accept(double fraction) {
    if (!enabled) {
      return;
    }
    if (bar == null) {
      if (System.nanoTime() - start < SHOW_AFTER_NANOS) {
        return;
      }
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1000)
          .setStyle(ProgressBarStyle.ASCII).setUnit("‰", 1)
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
    bar.stepTo(Math.round(fraction * 1000));
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
