/**
 * The gradient check: centred-difference gradients of independent cost functions in double-double arithmetic,
 * compared with the model's analytic gradients by relative error. May import {@code train}, {@code model} and
 * {@code data}; only {@code cli} imports it.
 */
package org.cifarsweep.gradcheck;
