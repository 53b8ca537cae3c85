package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * {@code torch.nn.AdaptiveMaxPool2d(output_size)} (return_indices=False): {@code [N,C,H,W] → [N,C,oH,oW]}, the
 * maximum over each adaptive window (ties: the first in row-major order receives the gradient).
 * {@code AdaptiveMaxPool2d(1)} is global max pooling. H and W must be divisible by oH and oW (see
 * {@link AdaptiveWindows}); then it is {@link MaxPool2d} with kernel = stride = (H/oH, W/oW).
 */
public class AdaptiveMaxPool2d extends Module {
    private final int[] outputSize;
    private MaxPool2d pool;
    private int[] poolKernel;

    public AdaptiveMaxPool2d(int outputSize) { this(Pair.of(outputSize)); }

    public AdaptiveMaxPool2d(int[] outputSize) { this.outputSize = Pair.check("AdaptiveMaxPool2d", "output_size", outputSize, 1); }

    @Override
    public Tensor forward(Tensor x) {
        int[] k = AdaptiveWindows.kernel(this, outputSize, x);
        if (pool == null || !Arrays.equals(k, poolKernel)) {
            pool = new MaxPool2d(k, k, new int[]{0, 0}, new int[]{1, 1});
            poolKernel = k;
        }
        return pool.forward(x);
    }

    @Override
    public Tensor backward(Tensor dY) {
        if (pool == null) throw new IllegalStateException(this + ": backward called before forward; call forward(x) first");
        return pool.backward(dY);
    }

    @Override
    public String toString() { return "AdaptiveMaxPool2d(output_size=" + MaxPool2d.num(outputSize) + ")"; }
}
