package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Tensor;

import java.util.List;

/**
 * 2-D convolution (cross-correlation), as {@code torch.nn.Conv2d(in, out, kernel_size, stride=1, padding=0,
 * dilation=1, bias=True)} with {@code groups=1} and zero padding.
 *
 * <ul>
 *   <li>Input {@code [N, in, H, W]}, output {@code [N, out, oH, oW]} with
 *       {@code oH = floor((H + padTop + padBottom - dilation·(kh-1) - 1) / stride) + 1} (same for W).</li>
 *   <li>Weight {@code [out, in, kh, kw]}, bias {@code [out]}; PyTorch's default init U(±1/√(in·kh·kw)).</li>
 *   <li>{@code padding="same"} (stride 1 only) pads {@code d·(k-1)} in total per axis, {@code total/2} before and the
 *       rest after, exactly as PyTorch (asymmetric for even kernels); {@code "valid"} means no padding.</li>
 * </ul>
 * Forward: {@code Y = W·unfold(X) (+ b)}; backward: {@code dX = fold(Wᵀ·dY)}, {@code dW += Σ_n dY_n·unfold(X)_nᵀ},
 * {@code db += Σ dY} over (N, H, W).
 */
public class Conv2d extends Module {
    private final int inChannels, outChannels;
    private final int[] kernel, stride, padding, dilation;
    private final String paddingMode; // null for explicit numbers, else "same" / "valid"
    private final ConvGeometry geometry;
    private final Parameter weight;
    private final Parameter bias; // null without bias

    // forward cache
    private Tensor cols;
    private int[] inputShape, outputShape;

    public Conv2d(Context ctx, int in, int out, int kernel) { this(ctx, in, out, kernel, 1, 0, 1, true); }

    public Conv2d(Context ctx, int in, int out, int kernel, int stride) { this(ctx, in, out, kernel, stride, 0, 1, true); }

    public Conv2d(Context ctx, int in, int out, int kernel, int stride, int padding) { this(ctx, in, out, kernel, stride, padding, 1, true); }

    public Conv2d(Context ctx, int in, int out, int kernel, int stride, int padding, int dilation, boolean bias) {
        this(ctx, in, out, Pair.of(kernel), Pair.of(stride), Pair.of(padding), Pair.of(dilation), bias);
    }

    /** Per-axis (h, w) arguments: {@code new int[]{kh, kw}}, ... */
    public Conv2d(Context ctx, int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean bias) {
        this(ctx, in, out, kernel, stride, padding, null, dilation, bias);
    }

    /** {@code padding="same"} or {@code "valid"} with stride 1, dilation 1, bias. */
    public Conv2d(Context ctx, int in, int out, int kernel, String padding) {
        this(ctx, in, out, Pair.of(kernel), Pair.of(1), null, padding, Pair.of(1), true);
    }

    /** {@code padding="same"} or {@code "valid"}; "same" requires stride 1 (as PyTorch). */
    public Conv2d(Context ctx, int in, int out, int kernel, int stride, String padding, int dilation, boolean bias) {
        this(ctx, in, out, Pair.of(kernel), Pair.of(stride), null, padding, Pair.of(dilation), bias);
    }

    /** Per-axis variant of the string-padding constructor. */
    public Conv2d(Context ctx, int in, int out, int[] kernel, int[] stride, String padding, int[] dilation, boolean bias) {
        this(ctx, in, out, kernel, stride, null, padding, dilation, bias);
    }

    private Conv2d(Context ctx, int in, int out, int[] kernel, int[] stride, int[] padding, String paddingMode, int[] dilation, boolean bias) {
        String who = "Conv2d(" + in + ", " + out + ")";
        if (in < 1 || out < 1)
            throw new IllegalArgumentException(who + ": in_channels and out_channels must be >= 1");
        this.inChannels = in;
        this.outChannels = out;
        this.kernel = Pair.check(who, "kernel_size", kernel, 1);
        this.stride = Pair.check(who, "stride", stride, 1);
        this.dilation = Pair.check(who, "dilation", dilation, 1);
        int[] pads; // top, bottom, left, right
        if (paddingMode == null) {
            this.padding = Pair.check(who, "padding", padding, 0);
            this.paddingMode = null;
            pads = new int[]{this.padding[0], this.padding[0], this.padding[1], this.padding[1]};
        } else if (paddingMode.equals("valid")) {
            this.padding = Pair.of(0);
            this.paddingMode = "valid";
            pads = new int[4];
        } else if (paddingMode.equals("same")) {
            if (!Pair.all(this.stride, 1))
                throw new IllegalArgumentException(who + ": padding='same' is not supported for strided convolutions (stride="
                        + Pair.str(this.stride) + "); use stride 1 or explicit padding numbers");
            int th = this.dilation[0] * (this.kernel[0] - 1), tw = this.dilation[1] * (this.kernel[1] - 1);
            this.padding = new int[]{th / 2, tw / 2};
            this.paddingMode = "same";
            pads = new int[]{th / 2, th - th / 2, tw / 2, tw - tw / 2};
        } else {
            throw new IllegalArgumentException(who + ": padding must be a number, an (h, w) pair, 'same' or 'valid', got '" + paddingMode + "'");
        }
        this.geometry = new ConvGeometry(this.kernel[0], this.kernel[1], this.stride[0], this.stride[1],
                pads[0], pads[1], pads[2], pads[3], this.dilation[0], this.dilation[1]);
        int[] wShape = {out, in, this.kernel[0], this.kernel[1]};
        int fanIn = Init.fanIn(wShape);
        this.weight = new Parameter("weight", Init.uniformFanIn(ctx, fanIn, wShape));
        this.bias = bias ? new Parameter("bias", Init.uniformFanIn(ctx, fanIn, out)) : null;
    }

    public int inChannels() { return inChannels; }

    public int outChannels() { return outChannels; }

    /** The sliding-window geometry, with the per-side padding actually applied. */
    public ConvGeometry geometry() { return geometry; }

    public Parameter weight() { return weight; }

    /** The bias parameter, or {@code null} when built with {@code bias=false}. */
    public Parameter bias() { return bias; }

    /** Output shape for an input of shape {@code [N, in, H, W]} (validates like {@link #forward}). */
    public int[] outputShape(int... inputShape) {
        return new int[]{inputShape[0], outChannels, geometry.outH(inputShape[2]), geometry.outW(inputShape[3])};
    }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x, inChannels);
        Checks.requireCompatible(this, x, weight.value());
        Checks.requireWindowFits(this, x, geometry);
        Backend b = x.backend();
        int n = x.dim(0), oh = geometry.outH(x.dim(2)), ow = geometry.outW(x.dim(3));
        Tensor c = b.unfold(x, geometry, 0.0);                                   // [N, in·kh·kw, L]
        Tensor w2 = b.reshape(weight.value(), outChannels, -1);                  // [out, in·kh·kw]
        Tensor y = b.matmul(w2, false, c, false);                                // [N, out, L]
        if (bias != null) y = y.add(b.reshape(bias.value(), 1, outChannels, 1));
        cols = c;
        inputShape = x.shape();
        outputShape = new int[]{n, outChannels, oh, ow};
        return b.reshape(y, outputShape);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        Backend b = dY.backend();
        int n = outputShape[0], l = outputShape[2] * outputShape[3];
        Tensor dy3 = b.reshape(dY, n, outChannels, l);                           // [N, out, L]
        Tensor w2 = b.reshape(weight.value(), outChannels, -1);
        Tensor dCols = b.matmul(w2, true, dy3, false);                           // [N, in·kh·kw, L]
        Tensor dX = b.fold(dCols, geometry, inputShape[2], inputShape[3]);
        Tensor dW = BatchedOuter.sumOverBatch(b, dy3, cols);                    // [out, in·kh·kw]
        b.axpy(1.0, b.reshape(dW, weight.value().shape()), weight.grad());
        if (bias != null) b.axpy(1.0, b.sum(dY, new int[]{0, 2, 3}, false), bias.grad());
        return dX;
    }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Conv2d(").append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(Pair.str(kernel)).append(", stride=").append(Pair.str(stride));
        if (paddingMode != null) s.append(", padding=").append(paddingMode);
        else if (!Pair.all(padding, 0)) s.append(", padding=").append(Pair.str(padding));
        if (!Pair.all(dilation, 1)) s.append(", dilation=").append(Pair.str(dilation));
        if (bias == null) s.append(", bias=False");
        return s.append(")").toString();
    }
}
