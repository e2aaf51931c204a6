/**
 * Hardware and kernel times: the catalog record ({@link dev.weft.hardware.Hardware}), kernel
 * shapes and table rows ({@link dev.weft.hardware.KernelQuery},
 * {@link dev.weft.hardware.KernelTable}), and the kernel-time model
 * ({@link dev.weft.hardware.KernelModel}): measured, interpolated, calibrated roofline,
 * spec roofline, each prediction labelled. No I/O: the app module loads files.
 */
package dev.weft.hardware;
