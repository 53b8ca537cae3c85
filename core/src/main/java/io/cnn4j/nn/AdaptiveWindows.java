package io.cnn4j.nn;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

/**
 * PyTorch's adaptive pooling windows along one axis of size {@code in} split into {@code out} outputs: window i covers
 * {@code start = ⌊i·in/out⌋ … end − 1} with {@code end = ⌈(i+1)·in/out⌉}. Windows overlap and vary in size when
 * {@code out} does not divide {@code in}; when it does they are the non-overlapping windows of size and stride
 * {@code in/out}, so the adaptive layers then reuse the fixed pooling layers ({@link #divisible}).
 */
final class AdaptiveWindows {
    private AdaptiveWindows() {}

    /** First index of window {@code i}. */
    static int start(int i, int in, int out) { return (int) ((long) i * in / out); }

    /** One past the last index of window {@code i}. */
    static int end(int i, int in, int out) { return (int) -Math.floorDiv(-(long) (i + 1) * in, out); }

    /** Whether {@code x [N, C, H, W]}'s spatial sides are multiples of {@code outputSize}. */
    static boolean divisible(int[] outputSize, Tensor x) {
        return x.dim(2) % outputSize[0] == 0 && x.dim(3) % outputSize[1] == 0;
    }

    /** The kernel (= stride) {@code {H/oH, W/oW}} of the divisible case. */
    static int[] kernel(int[] outputSize, Tensor x) { return new int[]{x.dim(2) / outputSize[0], x.dim(3) / outputSize[1]}; }

    /** Requires {@code x} to be NCHW with spatial sides at least {@code outputSize}. */
    static void requireLargeEnough(Object layer, int[] outputSize, Tensor x) {
        Checks.requireNchw(layer, x);
        if (x.dim(2) < outputSize[0] || x.dim(3) < outputSize[1])
            throw new IllegalArgumentException(layer + ": input " + Shapes.str(x.shape()) + " is smaller than output_size "
                    + Pair.str(outputSize) + "; use a larger input or a smaller output_size");
    }
}
