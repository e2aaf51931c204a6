/**
 * Loading a scenario for a run: the composition root of scenario input. Reads the file with its
 * includes and overrides ({@code dev.weft.yaml}), binds it ({@code scenario.yaml}) with the
 * names the registries know, runs the checks that span several fields, and reads the data it
 * refers to: traces and catalogs ({@code scenario.data}), the kernel model ({@code kernels}),
 * the region file ({@code network.io}). May depend on those and on the model; only {@code cli}
 * depends on it.
 */
package dev.weft.scenario.load;
