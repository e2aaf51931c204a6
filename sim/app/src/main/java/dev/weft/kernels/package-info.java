/**
 * Kernel tables and catalogs on disk: loading models/kernels/*.csv, models/hardware/*.yaml
 * and models/ai/*.yaml with positioned errors, importers for Vidur's and LLMServingSim's
 * published profiles, the calibration file, held-out accuracy, and the CPU profiler. Builds
 * the {@link dev.weft.hardware.KernelModel} the run uses.
 */
package dev.weft.kernels;
