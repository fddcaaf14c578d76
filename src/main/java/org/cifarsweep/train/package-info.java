/**
 * Mini-batch gradient descent ({@code Trainer}) with its validated {@code TrainConfig}, the options (loss, flips,
 * learning-rate decay), the per-epoch curves, and the state a run can be continued from.
 * May import {@code model} and {@code data}.
 */
package org.cifarsweep.train;
