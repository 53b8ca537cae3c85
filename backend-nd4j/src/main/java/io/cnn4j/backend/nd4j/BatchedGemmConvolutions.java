package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The fused FLOAT32 convolutions as ONE GEMM per product over the whole batch: the columns of all images side by
 * side, {@code [in·kk, N·L]}, and the channel-major activations {@code [C, N·L]}. Fewer, larger products than
 * {@link GemmConvolutions}' per-image ones, which pays where a layer's images are small (the 8×8 and 16×16 levels of a
 * U-Net, the seed network's k2s2 layers) at the price of batch-sized column buffers and one reordering copy
 * between NCHW and channel-major per operand. Same maths as {@code CompositeConvolutions}; the kit checks they agree.
 *
 * <p>Reordering and column building run on host arrays ({@link HostScratch}), one bulk copy in or out of the native
 * buffers each.
 */
final class BatchedGemmConvolutions {
    private BatchedGemmConvolutions() {}

    static INDArray conv2d(INDArray x, INDArray w, INDArray bias, ConvGeometry g) {
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        int n = dim(x, 0), c = dim(x, 1), h = dim(x, 2), wd = dim(x, 3), out = dim(w, 0);
        int oh = g.outH(h), ow = g.outW(wd), l = oh * ow, ckk = c * g.kernelSize(), nl = n * l;
        INDArray cols = columns(x, n, c, h, wd, g, oh, ow, ckk);
        INDArray yT = Nd4j.createUninitialized(DataType.FLOAT, new long[]{out, nl}, 'c');
        Gemm.sgemm(false, false, out, nl, ckk, w, 0, ckk, cols, 0, nl, 0f, yT, 0, nl);
        float[] b = bias == null ? null : Layouts.plainC(bias).toFloatVector();
        return fromChannelMajor(yT, n, out, l, b, new long[]{n, out, oh, ow});
    }

    /** Returns {dX, dW, db (or null)}. */
    static INDArray[] conv2dBackward(INDArray dY, INDArray x, INDArray w, ConvGeometry g, boolean biasGrad) {
        dY = Layouts.plainC(dY);
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        int n = dim(x, 0), c = dim(x, 1), h = dim(x, 2), wd = dim(x, 3), out = dim(w, 0);
        int oh = g.outH(h), ow = g.outW(wd), l = oh * ow, ckk = c * g.kernelSize(), nl = n * l;
        INDArray dYT = toChannelMajor(dY, n, out, l);
        INDArray cols = columns(x, n, c, h, wd, g, oh, ow, ckk);
        INDArray dW = Nd4j.createUninitialized(DataType.FLOAT, new long[]{out, ckk}, 'c');
        Gemm.sgemm(false, true, out, ckk, nl, dYT, 0, nl, cols, 0, nl, 0f, dW, 0, ckk);
        Gemm.sgemm(true, false, ckk, nl, out, w, 0, ckk, dYT, 0, nl, 0f, cols, 0, nl);   // dCols over the columns buffer
        INDArray dX = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, c, h, wd}, 'c');
        float[] colsHost = HostScratch.get(HostScratch.COLUMNS, ckk * nl), image = HostScratch.get(HostScratch.IMAGE, n * c * h * wd);
        cols.data().asNioFloat().get(0, colsHost, 0, ckk * nl);
        int img = c * h * wd;
        Arrays.fill(image, 0, n * img, 0f);
        for (int i = 0; i < n; i++) ImageColumns.foldAdd(colsHost, i * l, nl, c, h, wd, g, oh, ow, image, i * img);
        dX.data().asNioFloat().put(0, image, 0, n * img);
        return new INDArray[]{dX, dW.reshape('c', w.shape()), biasGrad ? GemmConvolutions.biasGradient(dY, n, out, l) : null};
    }

    /** Transposed convolution whose convolution grid equals the input size. */
    static INDArray convTranspose2d(INDArray x, INDArray w, INDArray bias, ConvGeometry g, int outH, int outW) {
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        int n = dim(x, 0), in = dim(x, 1), h = dim(x, 2), wd = dim(x, 3), out = dim(w, 1);
        int hw = h * wd, nhw = n * hw, okk = out * g.kernelSize(), img = out * outH * outW;
        INDArray xT = toChannelMajor(x, n, in, hw);
        INDArray cols = Nd4j.createUninitialized(DataType.FLOAT, new long[]{okk, nhw}, 'c');
        Gemm.sgemm(true, false, okk, nhw, in, w, 0, okk, xT, 0, nhw, 0f, cols, 0, nhw);
        float[] colsHost = HostScratch.get(HostScratch.COLUMNS, okk * nhw), image = HostScratch.get(HostScratch.IMAGE, n * img);
        cols.data().asNioFloat().get(0, colsHost, 0, okk * nhw);
        fillBias(image, n, out, outH * outW, bias == null ? null : Layouts.plainC(bias).toFloatVector());
        for (int i = 0; i < n; i++) ImageColumns.foldAdd(colsHost, i * hw, nhw, out, outH, outW, g, h, wd, image, i * img);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, out, outH, outW}, 'c');
        y.data().asNioFloat().put(0, image, 0, n * img);
        return y;
    }

    /** Returns {dX, dW, db (or null)} of {@link #convTranspose2d}. */
    static INDArray[] convTranspose2dBackward(INDArray dY, INDArray x, INDArray w, ConvGeometry g, boolean biasGrad) {
        dY = Layouts.plainC(dY);
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        int n = dim(x, 0), in = dim(x, 1), h = dim(x, 2), wd = dim(x, 3), out = dim(w, 1);
        int outH = dim(dY, 2), outW = dim(dY, 3), hw = h * wd, nhw = n * hw, okk = out * g.kernelSize();
        INDArray cols = columns(dY, n, out, outH, outW, g, h, wd, okk);
        INDArray xT = toChannelMajor(x, n, in, hw);
        INDArray dXT = Nd4j.createUninitialized(DataType.FLOAT, new long[]{in, nhw}, 'c');
        Gemm.sgemm(false, false, in, nhw, okk, w, 0, okk, cols, 0, nhw, 0f, dXT, 0, nhw);
        INDArray dW = Nd4j.createUninitialized(DataType.FLOAT, new long[]{in, okk}, 'c');
        Gemm.sgemm(false, true, in, okk, nhw, xT, 0, nhw, cols, 0, nhw, 0f, dW, 0, okk);
        INDArray db = biasGrad ? GemmConvolutions.biasGradient(dY, n, out, outH * outW) : null;
        return new INDArray[]{fromChannelMajor(dXT, n, in, hw, null, x.shape()), dW.reshape('c', w.shape()), db};
    }

    /** The columns of every image of {@code x [n, c, h, w]} side by side: {@code [c·kk, n·oh·ow]}. */
    private static INDArray columns(INDArray x, int n, int c, int h, int w, ConvGeometry g, int oh, int ow, int ckk) {
        int l = oh * ow, nl = n * l, img = c * h * w;
        float[] image = HostScratch.get(HostScratch.IMAGE, n * img), colsHost = HostScratch.get(HostScratch.COLUMNS, ckk * nl);
        x.data().asNioFloat().get(0, image, 0, n * img);
        for (int i = 0; i < n; i++) ImageColumns.unfold(image, i * img, c, h, w, g, oh, ow, colsHost, i * l, nl);
        INDArray cols = Nd4j.createUninitialized(DataType.FLOAT, new long[]{ckk, nl}, 'c');
        cols.data().asNioFloat().put(0, colsHost, 0, ckk * nl);
        return cols;
    }

    /** {@code [n, c, l] → [c, n·l]}. */
    private static INDArray toChannelMajor(INDArray a, int n, int c, int l) {
        float[] src = HostScratch.get(HostScratch.IMAGE, n * c * l), dst = HostScratch.get(HostScratch.MATRIX, n * c * l);
        a.data().asNioFloat().get(0, src, 0, n * c * l);
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++) System.arraycopy(src, (i * c + ch) * l, dst, ch * n * l + i * l, l);
        INDArray t = Nd4j.createUninitialized(DataType.FLOAT, new long[]{c, (long) n * l}, 'c');
        t.data().asNioFloat().put(0, dst, 0, n * c * l);
        return t;
    }

    /** {@code [c, n·l] → [n, c, l]} (shaped {@code shape}), adding {@code bias[c]} when given. */
    private static INDArray fromChannelMajor(INDArray t, int n, int c, int l, float[] bias, long[] shape) {
        float[] src = HostScratch.get(HostScratch.MATRIX, n * c * l), dst = HostScratch.get(HostScratch.IMAGE, n * c * l);
        t.data().asNioFloat().get(0, src, 0, n * c * l);
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++) {
                int from = ch * n * l + i * l, to = (i * c + ch) * l;
                if (bias == null) System.arraycopy(src, from, dst, to, l);
                else for (int k = 0; k < l; k++) dst[to + k] = src[from + k] + bias[ch];
            }
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        y.data().asNioFloat().put(0, dst, 0, n * c * l);
        return y;
    }

    /** {@code image[n, c, l]} filled with {@code bias[c]} (zeros without a bias). */
    private static void fillBias(float[] image, int n, int c, int l, float[] bias) {
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++) Arrays.fill(image, (i * c + ch) * l, (i * c + ch + 1) * l, bias == null ? 0f : bias[ch]);
    }

    private static int dim(INDArray a, int axis) { return Math.toIntExact(a.size(axis)); }
}
