package dev.weft.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code weft kernels ...}: kernel times, the tables behind them, and their accuracy. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = "Kernel-time model: predict, import published profiles, calibrate, score "
        + "held-out accuracy, profile this CPU.",
    subcommands = {KernelsPredictCmd.class, KernelsImportCmd.class, KernelsCalibrateCmd.class,
        KernelsAccuracyCmd.class, KernelsProfileCpuCmd.class})
public final class KernelsCmd implements Runnable {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: predict, import, calibrate, accuracy or profile-cpu");
  }
}
