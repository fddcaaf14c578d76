/**
 * CIFAR-10 on disk and in memory: the readers of the binary ({@code .bin}) and MATLAB ({@code .mat}) versions,
 * {@code Images} at 1 byte per pixel, the splits, and preprocessing ({@code scale}, {@code standardize}).
 * The bottom of the dependency chain: imports no other package of cifar-sweep.
 */
package org.cifarsweep.data;
