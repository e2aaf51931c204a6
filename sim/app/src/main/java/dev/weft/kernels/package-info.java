/**
 * Kernel tables and catalogs on disk: loading models/kernels/*.csv, models/hardware/*.yaml and
 * models/ai/*.yaml with positioned errors, importers for Vidur's and LLMServingSim's published
 * profiles, batch prediction, the calibration file and held-out accuracy. Builds the {@link
 * dev.weft.hardware.KernelModel} the run uses. CSV goes through Jackson's CSV format ({@code
 * CsvFile}), YAML through {@code dev.weft.yaml}. May depend on {@code hardware}, {@code ai} and
 * {@code dev.weft.yaml}; never on the scenario packages, which depend on it.
 */
package dev.weft.kernels;
