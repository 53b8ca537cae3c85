package io.cnn4j.tensor;

/**
 * The fused convolution operations of {@link Backend}, written once on the primitives (unfold, fold, matmul, sum).
 * These are the definitions: a backend that overrides {@link Backend#conv2d} and friends for speed must return
 * what these return (the conformance kit compares every override with them, FLOAT64 within 1e-12 and FLOAT32
 * within 1e-5 normwise relative error). The shape checks are public so overrides validate exactly as the
 * composites do.
 *
 * <p>Layouts (PyTorch's): input {@code [N, in, H, W]}; {@code conv2d} weight {@code [out, in, kh, kw]};
 * {@code convTranspose2d} weight {@code [in, out, kh, kw]}; bias {@code [out]}; all NCHW, row-major.
 *
 * <p>Maths: convolution is {@code Y_n = W·unfold(X)_n (+ b)}; its input gradient {@code fold(Wᵀ·dY_n)}, its
 * weight gradient {@code Σ_n dY_n·unfold(X)_nᵀ}. Transposed convolution swaps the roles of forward and input
 * gradient: {@code Y_n = fold(Wᵀ·X_n) (+ b)}, {@code dX_n = W·unfold(dY)_n}, {@code dW = Σ_n X_n·unfold(dY)_nᵀ}.
 */
public final class CompositeConvolutions {
    private CompositeConvolutions() {}

    // ------------------------------------------------------------------ convolution

    /** {@link Backend#conv2d} on the primitives. */
    public static Tensor conv2d(Backend b, Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        checkConv2d("conv2d", b, input, weight, bias, g);
        int n = input.dim(0), out = weight.dim(0);
        Tensor cols = b.unfold(input, g, 0.0);                                   // [N, in·kh·kw, L]
        Tensor y = b.matmul(b.reshape(weight, out, -1), false, cols, false);     // [N, out, L]
        if (bias != null) y = b.binary(BinaryOp.ADD, y, b.reshape(bias, 1, out, 1));
        return b.reshape(y, n, out, g.outH(input.dim(2)), g.outW(input.dim(3)));
    }

    /** {@link Backend#conv2dBackward} on the primitives. */
    public static ConvGradients conv2dBackward(Backend b, Tensor gradOutput, Tensor input, Tensor weight, ConvGeometry g, boolean biasGrad) {
        checkConv2dBackward("conv2dBackward", b, gradOutput, input, weight, g);
        int n = input.dim(0), out = weight.dim(0);
        int l = gradOutput.dim(2) * gradOutput.dim(3);
        Tensor dy3 = b.reshape(gradOutput, n, out, l);                           // [N, out, L]
        Tensor w2 = b.reshape(weight, out, -1);                                  // [out, in·kh·kw]
        Tensor dX = b.fold(b.matmul(w2, true, dy3, false), g, input.dim(2), input.dim(3));
        Tensor dW = BatchedOuter.sumOverBatch(b, dy3, b.unfold(input, g, 0.0));
        return new ConvGradients(dX, b.reshape(dW, weight.shape()), biasGrad ? biasGradient(b, gradOutput) : null);
    }

    // ------------------------------------------------------------------ transposed convolution

    /** {@link Backend#convTranspose2d} on the primitives. */
    public static Tensor convTranspose2d(Backend b, Tensor input, Tensor weight, Tensor bias, ConvGeometry g, int outH, int outW) {
        checkConvTranspose2d("convTranspose2d", b, input, weight, bias, g, outH, outW);
        int n = input.dim(0), in = weight.dim(0), out = weight.dim(1), h = input.dim(2), w = input.dim(3);
        int ckk = out * g.kernelSize();
        Tensor cols = b.matmul(b.reshape(weight, in, ckk), true, b.reshape(input, n, in, h * w), false); // [N, out·kh·kw, H·W]
        int gridH = g.outH(outH), gridW = g.outW(outW);
        if (gridH != h || gridW != w) cols = padGrid(b, cols, n, ckk, h, w, gridH, gridW);
        Tensor y = b.fold(cols, g, outH, outW);                                  // [N, out, oH, oW]
        if (bias != null) y = b.binary(BinaryOp.ADD, y, b.reshape(bias, 1, out, 1, 1));
        return y;
    }

    /** {@link Backend#convTranspose2dBackward} on the primitives. */
    public static ConvGradients convTranspose2dBackward(Backend b, Tensor gradOutput, Tensor input, Tensor weight, ConvGeometry g, boolean biasGrad) {
        checkConvTranspose2dBackward("convTranspose2dBackward", b, gradOutput, input, weight, g);
        int n = input.dim(0), in = weight.dim(0), out = weight.dim(1), h = input.dim(2), w = input.dim(3);
        int outH = gradOutput.dim(2), outW = gradOutput.dim(3);
        int ckk = out * g.kernelSize();
        Tensor dCols = b.unfold(gradOutput, g, 0.0);                             // [N, out·kh·kw, gridH·gridW]
        int gridH = g.outH(outH), gridW = g.outW(outW);
        if (gridH != h || gridW != w) {
            Tensor c = b.reshape(dCols, n, ckk, gridH, gridW);
            if (gridH != h) c = b.slice(c, 2, 0, h);
            if (gridW != w) c = b.slice(c, 3, 0, w);
            dCols = b.reshape(c, n, ckk, h * w);
        }
        Tensor w2 = b.reshape(weight, in, ckk);
        Tensor dX = b.reshape(b.matmul(w2, false, dCols, false), input.shape()); // [N, in, H, W]
        Tensor dW = BatchedOuter.sumOverBatch(b, b.reshape(input, n, in, h * w), dCols);
        return new ConvGradients(dX, b.reshape(dW, weight.shape()), biasGrad ? biasGradient(b, gradOutput) : null);
    }

    /** Zero-extends columns laid out on an H×W grid to the gridH×gridW grid fold expects (bottom/right). */
    private static Tensor padGrid(Backend b, Tensor cols, int n, int ckk, int h, int w, int gridH, int gridW) {
        Tensor c = b.reshape(cols, n, ckk, h, w);
        if (gridH > h) c = b.concat(2, c, b.zeros(c.dtype(), n, ckk, gridH - h, w));
        if (gridW > w) c = b.concat(3, c, b.zeros(c.dtype(), n, ckk, gridH, gridW - w));
        return b.reshape(c, n, ckk, gridH * gridW);
    }

    private static Tensor biasGradient(Backend b, Tensor gradOutput) {
        return b.sum(gradOutput, new int[]{0, 2, 3}, false);
    }

    // ------------------------------------------------------------------ validation

    /**
     * Validates a {@code conv2d} call: backend and dtype agree; input {@code [N, in, H, W]} with N ≥ 1; weight
     * {@code [out, in, kh, kw]} matching {@code g}'s kernel; bias {@code [out]} or null; the padded input holds at
     * least one window.
     */
    public static void checkConv2d(String op, Backend b, Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        compatible(op, b, input, weight, bias);
        int[] x = input.shape(), wt = weight.shape();
        if (x.length != 4 || x[0] < 1)
            throw new IllegalArgumentException(op + ": expected input [N, C, H, W] with N >= 1, got " + Shapes.str(x));
        if (wt.length != 4 || wt[1] != x[1] || wt[2] != g.kernelH() || wt[3] != g.kernelW())
            throw new IllegalArgumentException(op + ": expected weight [out, " + x[1] + ", " + g.kernelH() + ", " + g.kernelW()
                    + "] for input " + Shapes.str(x) + " and " + g + ", got " + Shapes.str(wt));
        checkBias(op, bias, wt[0]);
        if (x[2] + g.padTop() + g.padBottom() < g.effectiveKernelH() || x[3] + g.padLeft() + g.padRight() < g.effectiveKernelW())
            throw new IllegalArgumentException(op + ": input " + Shapes.str(x) + " is smaller than the window of " + g);
    }

    /**
     * Validates a {@code convTranspose2d} call: input {@code [N, in, H, W]}; weight {@code [in, out, kh, kw]};
     * bias {@code [out]} or null; the output size {@code outH × outW} is one whose convolution with {@code g}
     * covers the H×W input grid (gridH ≥ H, gridW ≥ W; the extra grid cells, from output padding, receive no input).
     */
    public static void checkConvTranspose2d(String op, Backend b, Tensor input, Tensor weight, Tensor bias, ConvGeometry g, int outH, int outW) {
        compatible(op, b, input, weight, bias);
        int[] x = input.shape(), wt = weight.shape();
        if (x.length != 4 || x[0] < 1)
            throw new IllegalArgumentException(op + ": expected input [N, C, H, W] with N >= 1, got " + Shapes.str(x));
        if (wt.length != 4 || wt[0] != x[1] || wt[2] != g.kernelH() || wt[3] != g.kernelW())
            throw new IllegalArgumentException(op + ": expected weight [" + x[1] + ", out, " + g.kernelH() + ", " + g.kernelW()
                    + "] for input " + Shapes.str(x) + " and " + g + ", got " + Shapes.str(wt));
        checkBias(op, bias, wt[1]);
        if (outH < 1 || outW < 1 || outH + g.padTop() + g.padBottom() < g.effectiveKernelH()
                || outW + g.padLeft() + g.padRight() < g.effectiveKernelW())
            throw new IllegalArgumentException(op + ": output size " + outH + "x" + outW + " holds no window of " + g);
        int gridH = g.outH(outH), gridW = g.outW(outW);
        if (gridH < x[2] || gridW < x[3])
            throw new IllegalArgumentException(op + ": output size " + outH + "x" + outW + " does not match input "
                    + Shapes.str(x) + " under " + g + " (its convolution grid is " + gridH + "x" + gridW + ", smaller than the input)");
    }

    /** Validates a {@code conv2dBackward} call: as {@link #checkConv2d}, and {@code gradOutput} shaped like the output. */
    public static void checkConv2dBackward(String op, Backend b, Tensor gradOutput, Tensor input, Tensor weight, ConvGeometry g) {
        checkConv2d(op, b, input, weight, null, g);
        checkGradOutput(op, b, gradOutput, input.dim(0), weight.dim(0), g.outH(input.dim(2)), g.outW(input.dim(3)));
    }

    /**
     * Validates a {@code convTranspose2dBackward} call: as {@link #checkConvTranspose2d} with the output size of
     * {@code gradOutput [N, out, outH, outW]}.
     */
    public static void checkConvTranspose2dBackward(String op, Backend b, Tensor gradOutput, Tensor input, Tensor weight, ConvGeometry g) {
        if (gradOutput.rank() != 4)
            throw new IllegalArgumentException(op + ": expected gradOutput [N, out, outH, outW], got " + Shapes.str(gradOutput.shape()));
        checkConvTranspose2d(op, b, input, weight, null, g, gradOutput.dim(2), gradOutput.dim(3));
        checkGradOutput(op, b, gradOutput, input.dim(0), weight.dim(1), gradOutput.dim(2), gradOutput.dim(3));
    }

    private static void checkBias(String op, Tensor bias, int out) {
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != out))
            throw new IllegalArgumentException(op + ": expected bias [" + out + "], got " + Shapes.str(bias.shape()));
    }

    private static void checkGradOutput(String op, Backend b, Tensor gradOutput, int n, int out, int oh, int ow) {
        Shapes.requireCompatible(op, b, gradOutput);
        int[] expected = {n, out, oh, ow};
        if (!java.util.Arrays.equals(gradOutput.shape(), expected))
            throw new IllegalArgumentException(op + ": expected gradOutput " + Shapes.str(expected) + ", got " + Shapes.str(gradOutput.shape()));
    }

    private static void compatible(String op, Backend b, Tensor input, Tensor weight, Tensor bias) {
        if (bias == null) Shapes.requireCompatible(op, b, input, weight);
        else Shapes.requireCompatible(op, b, input, weight, bias);
    }
}
