package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * unfold (im2col) and fold (col2im) on libnd4j's {@code im2col}/{@code col2im} array ops (not its conv layers).
 *
 * <p>Layout: libnd4j's im2col writes {@code [N, C, kh, kw, oH, oW]} through the output's strides, so we hand it a
 * permuted view of a channel-major buffer {@code [C, kh, kw, N, oH, oW]}. The result, reshaped without copying to
 * the logical {@code [N, C·kh·kw, oH·oW]}, is physically the matrix {@code [C·kh·kw, N·oH·oW]}: a convolution
 * {@code W·cols} over the whole batch is then one GEMM (see {@link Matmul}). col2im reads any strides, so fold accepts
 * that layout (or any other) directly.
 *
 * <p>Padding: libnd4j pads symmetrically with a configurable value. Asymmetric padding (PyTorch {@code "same"} with
 * an even kernel) is handled in unfold by padding the input explicitly, and in fold by letting col2im drop
 * contributions that fall outside the image (it bounds-checks each position against the image size).
 */
final class Windows {
    private Windows() {}

    static INDArray unfold(INDArray x, ConvGeometry g, double padValue) {
        long[] s = x.shape();
        if (s.length != 4)
            throw new IllegalArgumentException("unfold: expected a 4-D input [N,C,H,W], got shape " + Shapes.str(Matmul.ints(s)));
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], w = (int) s[3];
        int oH = g.outH(h), oW = g.outW(w);
        int kh = g.kernelH(), kw = g.kernelW();
        INDArray buf = Nd4j.createUninitialized(x.dataType(), new long[]{c, kh, kw, n, oH, oW}, 'c');
        INDArray cols6 = buf.permute(3, 0, 1, 2, 4, 5);
        if (buf.length() > 0) {
            INDArray src = x;
            int ph = g.padTop(), pw = g.padLeft();
            if (g.padTop() != g.padBottom() || g.padLeft() != g.padRight()) {
                src = Nd4j.valueArrayOf(new long[]{n, c, h + g.padTop() + g.padBottom(), w + g.padLeft() + g.padRight()}, padValue, x.dataType());
                src.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(g.padTop(), g.padTop() + h),
                        NDArrayIndex.interval(g.padLeft(), g.padLeft() + w)).assign(x);
                ph = 0;
                pw = 0;
            }
            Nd4j.exec(DynamicCustomOp.builder("im2col").addInputs(src).addOutputs(cols6)
                    .addIntegerArguments(kh, kw, g.strideH(), g.strideW(), ph, pw, g.dilationH(), g.dilationW(), 0)
                    .addFloatingPointArguments(padValue).build());
        }
        return cols6.reshape('c', new long[]{n, (long) c * kh * kw, (long) oH * oW});
    }

    static INDArray fold(INDArray cols, ConvGeometry g, int height, int width) {
        long[] s = cols.shape();
        int kk = g.kernelSize();
        if (s.length != 3)
            throw new IllegalArgumentException("fold: expected 3-D columns [N, C·kh·kw, L], got shape " + Shapes.str(Matmul.ints(s)));
        if (s[1] % kk != 0)
            throw new IllegalArgumentException("fold: row count " + s[1] + " of columns " + Shapes.str(Matmul.ints(s))
                    + " is not a multiple of kh·kw = " + kk + " (" + g + ")");
        int oH = g.outH(height), oW = g.outW(width);
        if (s[2] != (long) oH * oW)
            throw new IllegalArgumentException("fold: columns " + Shapes.str(Matmul.ints(s)) + " have L = " + s[2] + " but a "
                    + height + "x" + width + " image with " + g + " gives " + oH + "x" + oW + " = " + ((long) oH * oW) + " positions");
        int n = (int) s[0], c = (int) (s[1] / kk);
        INDArray out = Nd4j.create(cols.dataType(), new long[]{n, c, height, width}, 'c');
        if (cols.length() == 0 || out.length() == 0) return out;
        INDArray cols6 = cols.reshape('c', new long[]{n, c, g.kernelH(), g.kernelW(), oH, oW});
        Nd4j.exec(DynamicCustomOp.builder("col2im").addInputs(cols6).addOutputs(out)
                .addIntegerArguments(g.strideH(), g.strideW(), g.padTop(), g.padLeft(), height, width, g.dilationH(), g.dilationW(), 0)
                .build());
        return out;
    }
}
