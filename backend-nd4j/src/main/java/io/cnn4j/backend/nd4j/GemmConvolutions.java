package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The fused FLOAT32 convolutions as one image at a time: the image's columns ({@link ImageColumns}) are built in
 * a reused buffer and multiplied at once by OpenBLAS ({@link Gemm#sgemm}), while they are still in cache. No
 * batch-sized column tensor, no transposed copies: every product reads its operands where they are, through
 * BLAS's transpose flags and leading dimensions, and weight gradients accumulate across images with
 * {@code beta = 1}.
 *
 * <p>All arrays are plain row-major ({@link Layouts#plainC}); results are new plain arrays. The maths is that of
 * {@code CompositeConvolutions} (the kit checks the two agree), per image {@code n}:
 * <ul>
 *   <li>conv2d: {@code Y_n = W[out, in·kk]·cols(X_n)[in·kk, L] + b};</li>
 *   <li>its backward: {@code dW += dY_n·cols(X_n)ᵀ}, {@code dX_n = fold(Wᵀ·dY_n)}, {@code db = Σ dY};</li>
 *   <li>convTranspose2d: {@code Y_n = fold(W[in, out·kk]ᵀ·X_n[in, H·W]) + b};</li>
 *   <li>its backward: {@code dX_n = W·cols(dY_n)}, {@code dW += X_n·cols(dY_n)ᵀ}, {@code db = Σ dY}.</li>
 * </ul>
 * A 1×1 convolution with stride 1 and no padding multiplies the image itself (its columns are the image).
 */
final class GemmConvolutions {
    private GemmConvolutions() {}

    /** Whether the columns of an image under {@code g} are the image itself. */
    private static boolean identityColumns(ConvGeometry g) {
        return g.kernelH() == 1 && g.kernelW() == 1 && g.strideH() == 1 && g.strideW() == 1
                && g.padTop() == 0 && g.padBottom() == 0 && g.padLeft() == 0 && g.padRight() == 0;
    }

    static INDArray conv2d(INDArray x, INDArray w, INDArray bias, ConvGeometry g) {
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        int n = dim(x, 0), c = dim(x, 1), h = dim(x, 2), wd = dim(x, 3), out = dim(w, 0);
        int oh = g.outH(h), ow = g.outW(wd), l = oh * ow, ckk = c * g.kernelSize(), img = c * h * wd;
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, out, oh, ow}, 'c');
        FloatBuffer xb = x.data().asNioFloat(), yb = y.data().asNioFloat();
        float[] biasBlock = bias == null ? null : biasBlock(Layouts.plainC(bias), out, l);
        boolean direct = identityColumns(g);
        INDArray cols = direct ? null : Nd4j.createUninitialized(DataType.FLOAT, new long[]{ckk, l}, 'c');
        FloatBuffer cb = direct ? null : cols.data().asNioFloat();
        float[] image = direct ? null : new float[img], colsHost = direct ? null : new float[ckk * l];
        for (int i = 0; i < n; i++) {
            long yOff = (long) i * out * l;
            if (biasBlock != null) yb.put((int) yOff, biasBlock);
            if (direct) {
                Gemm.sgemm(false, false, out, l, c, w, 0, c, x, (long) i * img, l, biasBlock == null ? 0f : 1f, y, yOff, l);
                continue;
            }
            xb.get(i * img, image);
            ImageColumns.unfold(image, c, h, wd, g, oh, ow, colsHost);
            cb.put(0, colsHost);
            Gemm.sgemm(false, false, out, l, ckk, w, 0, ckk, cols, 0, l, biasBlock == null ? 0f : 1f, y, yOff, l);
        }
        return y;
    }

    /** Returns {dX, dW, db (or null)}. */
    static INDArray[] conv2dBackward(INDArray dY, INDArray x, INDArray w, ConvGeometry g, boolean biasGrad) {
        dY = Layouts.plainC(dY);
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        int n = dim(x, 0), c = dim(x, 1), h = dim(x, 2), wd = dim(x, 3), out = dim(w, 0);
        int oh = g.outH(h), ow = g.outW(wd), l = oh * ow, ckk = c * g.kernelSize(), img = c * h * wd;
        INDArray dX = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, c, h, wd}, 'c');
        INDArray dW = Nd4j.createUninitialized(DataType.FLOAT, new long[]{out, ckk}, 'c');
        boolean direct = identityColumns(g);
        FloatBuffer xb = x.data().asNioFloat(), dxb = dX.data().asNioFloat();
        INDArray cols = direct ? null : Nd4j.createUninitialized(DataType.FLOAT, new long[]{ckk, l}, 'c');
        FloatBuffer cb = direct ? null : cols.data().asNioFloat();
        float[] image = direct ? null : new float[img], colsHost = direct ? null : new float[ckk * l];
        for (int i = 0; i < n; i++) {
            long yOff = (long) i * out * l, xOff = (long) i * img;
            float beta = i == 0 ? 0f : 1f;
            if (direct) {
                Gemm.sgemm(false, true, out, c, l, dY, yOff, l, x, xOff, l, beta, dW, 0, c);
                Gemm.sgemm(true, false, c, l, out, w, 0, c, dY, yOff, l, 0f, dX, xOff, l);
                continue;
            }
            xb.get(i * img, image);
            ImageColumns.unfold(image, c, h, wd, g, oh, ow, colsHost);
            cb.put(0, colsHost);
            Gemm.sgemm(false, true, out, ckk, l, dY, yOff, l, cols, 0, l, beta, dW, 0, ckk);
            Gemm.sgemm(true, false, ckk, l, out, w, 0, ckk, dY, yOff, l, 0f, cols, 0, l);
            cb.get(0, colsHost);
            Arrays.fill(image, 0f);
            ImageColumns.foldAdd(colsHost, c, h, wd, g, oh, ow, image);
            dxb.put(i * img, image);
        }
        return new INDArray[]{dX, dW.reshape('c', w.shape()), biasGrad ? biasGradient(dY, n, out, l) : null};
    }

    /** Transposed convolution whose convolution grid equals the input size (no output padding beyond the stride). */
    static INDArray convTranspose2d(INDArray x, INDArray w, INDArray bias, ConvGeometry g, int outH, int outW) {
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        int n = dim(x, 0), in = dim(x, 1), h = dim(x, 2), wd = dim(x, 3), out = dim(w, 1);
        int hw = h * wd, okk = out * g.kernelSize(), img = out * outH * outW;
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, out, outH, outW}, 'c');
        FloatBuffer yb = y.data().asNioFloat();
        float[] biasBlock = bias == null ? null : biasBlock(Layouts.plainC(bias), out, outH * outW);
        INDArray cols = Nd4j.createUninitialized(DataType.FLOAT, new long[]{okk, hw}, 'c');
        FloatBuffer cb = cols.data().asNioFloat();
        float[] image = new float[img], colsHost = new float[okk * hw];
        for (int i = 0; i < n; i++) {
            Gemm.sgemm(true, false, okk, hw, in, w, 0, okk, x, (long) i * in * hw, hw, 0f, cols, 0, hw);
            cb.get(0, colsHost);
            if (biasBlock != null) System.arraycopy(biasBlock, 0, image, 0, img);
            else Arrays.fill(image, 0f);
            ImageColumns.foldAdd(colsHost, out, outH, outW, g, h, wd, image);
            yb.put(i * img, image);
        }
        return y;
    }

    /** Returns {dX, dW, db (or null)} of {@link #convTranspose2d}. */
    static INDArray[] convTranspose2dBackward(INDArray dY, INDArray x, INDArray w, ConvGeometry g, boolean biasGrad) {
        dY = Layouts.plainC(dY);
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        int n = dim(x, 0), in = dim(x, 1), h = dim(x, 2), wd = dim(x, 3), out = dim(w, 1);
        int outH = dim(dY, 2), outW = dim(dY, 3), hw = h * wd, okk = out * g.kernelSize(), img = out * outH * outW;
        INDArray dX = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, in, h, wd}, 'c');
        INDArray dW = Nd4j.createUninitialized(DataType.FLOAT, new long[]{in, okk}, 'c');
        FloatBuffer dyb = dY.data().asNioFloat();
        INDArray cols = Nd4j.createUninitialized(DataType.FLOAT, new long[]{okk, hw}, 'c');
        FloatBuffer cb = cols.data().asNioFloat();
        float[] image = new float[img], colsHost = new float[okk * hw];
        for (int i = 0; i < n; i++) {
            long xOff = (long) i * in * hw;
            dyb.get(i * img, image);
            ImageColumns.unfold(image, out, outH, outW, g, h, wd, colsHost);
            cb.put(0, colsHost);
            Gemm.sgemm(false, false, in, hw, okk, w, 0, okk, cols, 0, hw, 0f, dX, xOff, hw);
            Gemm.sgemm(false, true, in, okk, hw, x, xOff, hw, cols, 0, hw, i == 0 ? 0f : 1f, dW, 0, okk);
        }
        return new INDArray[]{dX, dW.reshape('c', w.shape()), biasGrad ? biasGradient(dY, n, out, outH * outW) : null};
    }

    /** {@code [out]}: the sum of {@code dY [n, out, l]} over images and positions, accumulated in double. */
    static INDArray biasGradient(INDArray dY, int n, int out, int l) {
        FloatBuffer b = dY.data().asNioFloat();
        double[] sums = new double[out];
        float[] row = new float[l];
        for (int i = 0; i < n; i++)
            for (int o = 0; o < out; o++) {
                b.get((i * out + o) * l, row);
                double s = 0;
                for (float v : row) s += v;
                sums[o] += s;
            }
        float[] f = new float[out];
        for (int o = 0; o < out; o++) f[o] = (float) sums[o];
        return Nd4j.createFromArray(f);
    }

    /** {@code [out, l]} with row o filled with {@code bias[o]}. */
    private static float[] biasBlock(INDArray bias, int out, int l) {
        float[] b = bias.toFloatVector(), block = new float[out * l];
        for (int o = 0; o < out; o++) Arrays.fill(block, o * l, (o + 1) * l, b[o]);
        return block;
    }

    private static int dim(INDArray a, int axis) { return Math.toIntExact(a.size(axis)); }
}
