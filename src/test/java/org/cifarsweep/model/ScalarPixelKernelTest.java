package org.cifarsweep.model;

/**
 * Every case of {@link PixelKernelTest} on the scalar kernel, the fallback where no vectors are usable: above all
 * the packed cases, stacked members against each member alone. It is also the reference the cases compare with,
 * so here they check that the reference itself keeps a row's bits whatever rows are stacked with it.
 */
class ScalarPixelKernelTest extends PixelKernelTest {
    @Override
    PixelKernel kernel() {
        return new ScalarPixelKernel();
    }
}
