package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * {@code torch.nn.AdaptiveMaxPool2d(output_size)} (return_indices=False): {@code [N,C,H,W] → [N,C,oH,oW]}, the
 * maximum over each adaptive window (rows {@code ⌊i·H/oH⌋ … ⌈(i+1)·H/oH⌉ − 1}, likewise columns; see
 * {@link AdaptiveWindows}), for any input at least as large as the output; the gradient goes to the maximum (on
 * ties, the first in row-major order). {@code AdaptiveMaxPool2d(1)} is global max pooling.
 *
 * <p>When H and W are divisible by oH and oW the windows do not overlap and it is {@link MaxPool2d} with
 * kernel = stride = (H/oH, W/oW). Otherwise the windows overlap and vary in size; the maximum is taken separably,
 * over each column window ({@link AdaptiveAxisMax} on the width) and then over each row window.
 */
public class AdaptiveMaxPool2d extends Module {
    private final int[] outputSize;
    private final AdaptiveAxisMax columns = new AdaptiveAxisMax(3), rows = new AdaptiveAxisMax(2);
    private MaxPool2d pool;
    private int[] poolKernel;
    private boolean separable;        // the last forward took the non-divisible path
    private int[] outputShape;

    public AdaptiveMaxPool2d(int outputSize) { this(Pair.of(outputSize)); }

    public AdaptiveMaxPool2d(int[] outputSize) { this.outputSize = Pair.check("AdaptiveMaxPool2d", "output_size", outputSize, 1); }

    @Override
    public Tensor forward(Tensor x) {
        AdaptiveWindows.requireLargeEnough(this, outputSize, x);
        outputShape = new int[]{x.dim(0), x.dim(1), outputSize[0], outputSize[1]};
        separable = !AdaptiveWindows.divisible(outputSize, x);
        if (separable) return rows.forward(columns.forward(x, outputSize[1]), outputSize[0]);
        int[] k = AdaptiveWindows.kernel(outputSize, x);
        if (pool == null || !Arrays.equals(k, poolKernel)) {
            pool = new MaxPool2d(k, k, new int[]{0, 0}, new int[]{1, 1});
            poolKernel = k;
        }
        return pool.forward(x);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        if (separable) return columns.backward(rows.backward(dY));
        return pool.backward(dY);
    }

    @Override
    public String toString() { return "AdaptiveMaxPool2d(output_size=" + MaxPool2d.num(outputSize) + ")"; }
}
