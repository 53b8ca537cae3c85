package io.cnn4j.benchmarks.peers;

import ai.djl.ndarray.NDArray;

/**
 * ConvTranspose2d(Cin, Cout, kernel = stride = k, padding 0) for DJL's PyTorch engine, which has no transposed
 * convolution. With the stride equal to the kernel the output windows do not overlap, so the operation is one
 * matrix product and a pixel shuffle:
 * {@code y[n, co, h*k+i, w*k+j] = b[co] + sum_ci x[n, ci, h, w] * W[ci, co, i, j]}, computed as x viewed as
 * [N*H*W, Cin] times W viewed as [Cin, Cout*k*k], then reshaped to [N, H, W, Cout, k, k] and permuted to
 * [N, Cout, H, k, W, k]. The weight layout is PyTorch's ConvTranspose2d one, [Cin, Cout, k, k]. The FLOPs are those
 * of the transposed convolution; gradients come from libtorch's autograd of these operations.
 */
final class StrideKernelConvTranspose {
    private StrideKernelConvTranspose() {}

    /** x [N, Cin, H, W], w [Cin, Cout, k, k], b [Cout] or null, to [N, Cout, H*k, W*k]. */
    static NDArray apply(NDArray x, NDArray w, NDArray b, int k) {
        long n = x.getShape().get(0), ci = x.getShape().get(1), h = x.getShape().get(2), wd = x.getShape().get(3);
        long co = w.getShape().get(1);
        NDArray cols = x.transpose(0, 2, 3, 1).reshape(n * h * wd, ci).matMul(w.reshape(ci, co * k * k));
        NDArray y = cols.reshape(n, h, wd, co, k, k).transpose(0, 3, 1, 4, 2, 5).reshape(n, co, h * k, wd * k);
        return b == null ? y : y.add(b.reshape(1, co, 1, 1));
    }

    /** The direct definition, in plain Java: each input pixel scatters a k×k block of weights into the output. */
    static float[] direct(float[] x, float[] w, float[] b, int n, int ci, int h, int wd, int co, int k) {
        int ho = h * k, wo = wd * k;
        float[] y = new float[n * co * ho * wo];
        for (int in = 0; in < n; in++)
            for (int o = 0; o < co; o++)
                for (int r = 0; r < ho; r++)
                    for (int c = 0; c < wo; c++) {
                        double s = b[o];
                        for (int i = 0; i < ci; i++)
                            s += (double) x[((in * ci + i) * h + r / k) * wd + c / k] * w[((i * co + o) * k + r % k) * k + c % k];
                        y[((in * co + o) * ho + r) * wo + c] = (float) s;
                    }
        return y;
    }
}
