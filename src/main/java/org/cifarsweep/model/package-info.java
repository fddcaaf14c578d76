/**
 * The linear classifier: W and b in float64 (netlib BLAS dgemm) and float32 (the 1-byte pixel kernels: 512-bit and
 * 256-bit Vector API and the scalar reference, all with the same bits), the losses (softmax, multi-class hinge),
 * evaluation, and BLAS detection. May import {@code data} only.
 */
package org.cifarsweep.model;
