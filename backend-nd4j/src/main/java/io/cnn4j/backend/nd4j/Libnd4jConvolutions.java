package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused convolutions as libnd4j's own ops: {@code conv2d}/{@code conv2d_bp} and {@code deconv2d}/{@code deconv2d_bp}
 * (NCHW, weights in PyTorch's layouts: {@code wFormat = 1}). With natives built with oneDNN (the {@code -onednn}
 * classifiers) these run oneDNN's direct convolution kernels, which need no column buffer at all; with the
 * generic natives they are im2col + GEMM inside libnd4j. {@link ConvolutionChooser} times them against
 * {@link GemmConvolutions} per shape and keeps the faster.
 *
 * <p>libnd4j's ops take one padding per axis and no output padding: {@link #supports} and {@link #supportsTransposed}
 * say which geometries they compute exactly.
 */
final class Libnd4jConvolutions {
    private Libnd4jConvolutions() {}

    /**
     * Whether libnd4j's ops compute this geometry exactly: symmetric padding on both axes and no dilation (its oneDNN
     * build rejects some dilated backward passes and returns wrong values for some dilated forward ones; the
     * conformance kit's random geometries found both).
     */
    static boolean supports(ConvGeometry g) {
        return g.padTop() == g.padBottom() && g.padLeft() == g.padRight() && g.dilationH() == 1 && g.dilationW() == 1;
    }

    /**
     * Whether libnd4j's {@code deconv2d} computes this transposed convolution: symmetric padding and the output size
     * of its formula {@code (H-1)·s - 2p + d·(k-1) + 1}, i.e. no output padding.
     */
    static boolean supportsTransposed(ConvGeometry g, int outH, int outW, int h, int w) {
        return supports(g)
                && outH == (h - 1) * g.strideH() - 2 * g.padTop() + g.dilationH() * (g.kernelH() - 1) + 1
                && outW == (w - 1) * g.strideW() - 2 * g.padLeft() + g.dilationW() * (g.kernelW() - 1) + 1;
    }

    private static int[] iArgs(ConvGeometry g) {
        return new int[]{g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), g.padTop(), g.padLeft(),
                g.dilationH(), g.dilationW(), 0 /* explicit padding */, 0 /* NCHW */, 1 /* PyTorch weight layout */};
    }

    static INDArray conv2d(INDArray x, INDArray w, INDArray bias, ConvGeometry g) {
        x = Layouts.plainC(x);
        long n = x.size(0), h = x.size(2), wd = x.size(3), out = w.size(0);
        INDArray y = Nd4j.createUninitialized(x.dataType(), new long[]{n, out, g.outH((int) h), g.outW((int) wd)}, 'c');
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
        op = bias == null ? op.addInputs(x, Layouts.plainC(w)) : op.addInputs(x, Layouts.plainC(w), Layouts.plainC(bias));
        Nd4j.exec(op.addOutputs(y).addIntegerArguments(iArgs(g)).build());
        return y;
    }

    /** Returns {dX, dW, db (or null)}. */
    static INDArray[] conv2dBackward(INDArray dY, INDArray x, INDArray w, ConvGeometry g, boolean biasGrad) {
        return backward("conv2d_bp", dY, x, w, w.size(0), g, biasGrad);
    }

    static INDArray convTranspose2d(INDArray x, INDArray w, INDArray bias, ConvGeometry g, int outH, int outW) {
        x = Layouts.plainC(x);
        INDArray y = Nd4j.createUninitialized(x.dataType(), new long[]{x.size(0), w.size(1), outH, outW}, 'c');
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("deconv2d");
        op = bias == null ? op.addInputs(x, Layouts.plainC(w)) : op.addInputs(x, Layouts.plainC(w), Layouts.plainC(bias));
        Nd4j.exec(op.addOutputs(y).addIntegerArguments(iArgs(g)).build());
        return y;
    }

    /** Returns {dX, dW, db (or null)} of {@link #convTranspose2d}. */
    static INDArray[] convTranspose2dBackward(INDArray dY, INDArray x, INDArray w, ConvGeometry g, boolean biasGrad) {
        return backward("deconv2d_bp", dY, x, w, w.size(1), g, biasGrad);
    }

    /**
     * {@code conv2d_bp}/{@code deconv2d_bp}: inputs (x, w[, b], dY), outputs (dX, dW[, db]). Without a bias
     * gradient the op is run without a bias input, so it computes none.
     */
    private static INDArray[] backward(String name, INDArray dY, INDArray x, INDArray w, long out, ConvGeometry g, boolean biasGrad) {
        x = Layouts.plainC(x);
        w = Layouts.plainC(w);
        dY = Layouts.plainC(dY);
        INDArray dX = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        INDArray dW = Nd4j.createUninitialized(w.dataType(), w.shape(), 'c');
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder(name);
        INDArray db = null;
        if (biasGrad) {
            db = Nd4j.createUninitialized(x.dataType(), out);
            op = op.addInputs(x, w, Nd4j.zeros(x.dataType(), out), dY).addOutputs(dX, dW, db);
        } else {
            op = op.addInputs(x, w, dY).addOutputs(dX, dW);
        }
        Nd4j.exec(op.addIntegerArguments(iArgs(g)).build());
        return new INDArray[]{dX, dW, db};
    }
}
