/**
 * Hardware that nodes run on. For now the closed list of ids a scenario may name; the catalog
 * with datasheet figures and the kernel-time model arrive with the real-timings work.
 */
package dev.weft.hardware;
