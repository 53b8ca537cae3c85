package io.cnn4j.nn;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

/**
 * The window of an adaptive pooling layer: for an input side divisible by the output side, PyTorch's adaptive
 * windows ({@code start = ⌊i·H/oH⌋}, {@code end = ⌈(i+1)·H/oH⌉}) are exactly the non-overlapping windows of size
 * and stride {@code H/oH}, so the adaptive layers reuse the fixed pooling layers. Output 1×1 (global pooling) is
 * always divisible. {@link AdaptiveMaxPool2d} rejects non-divisible sizes (overlapping windows of varying size) with
 * a clear message; {@link AdaptiveAvgPool2d} handles them with separable averaging matrices.
 */
final class AdaptiveWindows {
    private AdaptiveWindows() {}

    /** The kernel (= stride) {@code {H/oH, W/oW}} for {@code x [N, C, H, W]}. */
    static int[] kernel(Object layer, int[] outputSize, Tensor x) {
        Checks.requireNchw(layer, x);
        int h = x.dim(2), w = x.dim(3);
        if (h % outputSize[0] != 0 || w % outputSize[1] != 0)
            throw new IllegalArgumentException(layer + ": input " + Shapes.str(x.shape()) + " has spatial size " + h + "x" + w
                    + ", which output_size " + Pair.str(outputSize) + " does not divide; cnn4j's adaptive max pooling supports sizes"
                    + " divisible by output_size (e.g. output_size=1); resize the input or pick a divisor of " + h + " and " + w);
        return new int[]{h / outputSize[0], w / outputSize[1]};
    }
}
