package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * {@code torch.nn.AdaptiveAvgPool2d(output_size)}: {@code [N,C,H,W] → [N,C,oH,oW]}, the mean over each adaptive
 * window (rows {@code ⌊i·H/oH⌋ … ⌈(i+1)·H/oH⌉ − 1}, likewise columns), for any input size ≥ the output size.
 * {@code AdaptiveAvgPool2d(1)} is global average pooling (a ResNet's head).
 *
 * <p>When H and W are divisible by oH and oW the windows do not overlap and it is {@link AvgPool2d} with
 * kernel = stride = (H/oH, W/oW) (see {@link AdaptiveWindows}). Otherwise it uses that a window mean is separable:
 * {@code y = A_H · x · A_Wᵀ} per plane, where row i of {@code A_H [oH, H]} holds 1/(window height) over window i's
 * rows; the backward is {@code A_Hᵀ · dy · A_W}. Both are batched matrix products on the SPI.
 */
public class AdaptiveAvgPool2d extends Module {
    private final int[] outputSize;
    private AvgPool2d pool;
    private int[] poolKernel;
    private Tensor rowsAverage, colsAverage;   // A_H, A_W of the last non-divisible forward, else null
    private int[] inputShape;

    public AdaptiveAvgPool2d(int outputSize) { this(Pair.of(outputSize)); }

    public AdaptiveAvgPool2d(int[] outputSize) { this.outputSize = Pair.check("AdaptiveAvgPool2d", "output_size", outputSize, 1); }

    @Override
    public Tensor forward(Tensor x) {
        AdaptiveWindows.requireLargeEnough(this, outputSize, x);
        int h = x.dim(2), w = x.dim(3), oh = outputSize[0], ow = outputSize[1];
        boolean keep = recording();
        if (keep) inputShape = x.shape();
        if (AdaptiveWindows.divisible(outputSize, x)) {
            int[] k = AdaptiveWindows.kernel(outputSize, x);
            AvgPool2d p = pool;
            if (p == null || !Arrays.equals(k, poolKernel)) {
                p = new AvgPool2d(k, k, new int[]{0, 0}, true);
                if (keep) {
                    pool = p;
                    poolKernel = k;
                }
            }
            if (keep) rowsAverage = colsAverage = null;
            return p.forward(x);
        }
        Backend b = x.backend();
        Tensor rowsA = averaging(b, x, oh, h), colsA = averaging(b, x, ow, w);
        if (keep) {
            rowsAverage = rowsA;
            colsAverage = colsA;
        }
        int planes = x.dim(0) * x.dim(1);
        Tensor t = b.matmul(rowsA, false, b.reshape(x, planes, h, w), false);     // [P, oH, W]
        return b.reshape(b.matmul(t, false, colsA, true), x.dim(0), x.dim(1), oh, ow);
    }

    /** {@code [out, in]}: row i is 1/(end − start) over PyTorch's adaptive window {@code start … end − 1}. */
    private static Tensor averaging(Backend b, Tensor like, int out, int in) {
        double[] a = new double[out * in];
        for (int i = 0; i < out; i++) {
            int start = AdaptiveWindows.start(i, in, out), end = AdaptiveWindows.end(i, in, out);
            for (int j = start; j < end; j++) a[i * in + j] = 1.0 / (end - start);
        }
        return b.fromHost(a, like.dtype(), out, in);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, inputShape == null ? null : new int[]{inputShape[0], inputShape[1], outputSize[0], outputSize[1]});
        if (rowsAverage == null) return pool.backward(dY);
        Backend b = dY.backend();
        int planes = inputShape[0] * inputShape[1];
        Tensor t = b.matmul(rowsAverage, true, b.reshape(dY, planes, outputSize[0], outputSize[1]), false);   // [P, H, oW]
        return b.reshape(b.matmul(t, false, colsAverage, false), inputShape);
    }

    @Override
    public String toString() { return "AdaptiveAvgPool2d(output_size=" + MaxPool2d.num(outputSize) + ")"; }
}
