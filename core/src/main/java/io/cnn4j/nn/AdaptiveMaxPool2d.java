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
    private MaxPool2d pool;
    private int[] poolKernel;
    private AdaptiveAxisMax.Result columns, rows;   // the last recorded non-divisible forward, else null
    private int[] outputShape;

    public AdaptiveMaxPool2d(int outputSize) { this(Pair.of(outputSize)); }

    public AdaptiveMaxPool2d(int[] outputSize) { this.outputSize = Pair.check("AdaptiveMaxPool2d", "output_size", outputSize, 1); }

    @Override
    public Tensor forward(Tensor x) {
        AdaptiveWindows.requireLargeEnough(this, outputSize, x);
        boolean keep = recording();
        if (keep) outputShape = new int[]{x.dim(0), x.dim(1), outputSize[0], outputSize[1]};
        if (!AdaptiveWindows.divisible(outputSize, x)) {
            AdaptiveAxisMax.Result c = AdaptiveAxisMax.forward(x, 3, outputSize[1]);
            AdaptiveAxisMax.Result r = AdaptiveAxisMax.forward(c.output(), 2, outputSize[0]);
            if (keep) {
                columns = c;
                rows = r;
            }
            return r.output();
        }
        int[] k = AdaptiveWindows.kernel(outputSize, x);
        MaxPool2d p = pool;
        if (p == null || !Arrays.equals(k, poolKernel)) {
            p = new MaxPool2d(k, k, new int[]{0, 0}, new int[]{1, 1});
            if (keep) {
                pool = p;
                poolKernel = k;
            }
        }
        if (keep) columns = rows = null;
        return p.forward(x);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        if (rows != null) return AdaptiveAxisMax.backward(columns, AdaptiveAxisMax.backward(rows, dY));
        return pool.backward(dY);
    }

    @Override
    public String toString() { return "AdaptiveMaxPool2d(output_size=" + MaxPool2d.num(outputSize) + ")"; }
}
