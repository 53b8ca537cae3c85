package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * {@code torch.nn.AdaptiveAvgPool2d(output_size)}: {@code [N,C,H,W] → [N,C,oH,oW]}, the mean over each adaptive
 * window. {@code AdaptiveAvgPool2d(1)} is global average pooling (a ResNet's head). H and W must be divisible by
 * oH and oW (see {@link AdaptiveWindows}); then it is {@link AvgPool2d} with kernel = stride = (H/oH, W/oW).
 */
public class AdaptiveAvgPool2d extends Module {
    private final int[] outputSize;
    private AvgPool2d pool;
    private int[] poolKernel;

    public AdaptiveAvgPool2d(int outputSize) { this(Pair.of(outputSize)); }

    public AdaptiveAvgPool2d(int[] outputSize) { this.outputSize = Pair.check("AdaptiveAvgPool2d", "output_size", outputSize, 1); }

    @Override
    public Tensor forward(Tensor x) {
        int[] k = AdaptiveWindows.kernel(this, outputSize, x);
        if (pool == null || !Arrays.equals(k, poolKernel)) {
            pool = new AvgPool2d(k, k, new int[]{0, 0}, true);
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
    public String toString() { return "AdaptiveAvgPool2d(output_size=" + MaxPool2d.num(outputSize) + ")"; }
}
