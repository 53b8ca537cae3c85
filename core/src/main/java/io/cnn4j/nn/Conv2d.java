package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.ConvGradients;
import io.cnn4j.tensor.Tensor;

import java.util.List;

/**
 * 2-D convolution (cross-correlation), as {@code torch.nn.Conv2d(in, out, kernel_size, stride=1, padding=0,
 * dilation=1, groups=1, bias=True)} with zero padding.
 *
 * <ul>
 *   <li>Input {@code [N, in, H, W]}, output {@code [N, out, oH, oW]} with
 *       {@code oH = floor((H + padTop + padBottom - dilation·(kh-1) - 1) / stride) + 1} (same for W).</li>
 *   <li>Weight {@code [out, in/groups, kh, kw]}, bias {@code [out]}; PyTorch's default init
 *       U(±1/√(in/groups·kh·kw)).</li>
 *   <li>{@code groups} G splits the input channels into G groups of in/G and the outputs into G groups of out/G;
 *       output group g sees only input group g (G = in: depthwise). Each group is one fused convolution on channel
 *       slices, concatenated.</li>
 *   <li>{@code padding="same"} (stride 1 only) pads {@code d·(k-1)} in total per axis, {@code total/2} before and the
 *       rest after, exactly as PyTorch (asymmetric for even kernels); {@code "valid"} means no padding.</li>
 * </ul>
 * Forward and backward are the backend's fused {@link Backend#conv2d} and {@link Backend#conv2dBackward}
 * (defined in {@link io.cnn4j.tensor.CompositeConvolutions}: {@code Y = W·unfold(X) (+ b)}, {@code dX = fold(Wᵀ·dY)},
 * {@code dW = Σ_n dY_n·unfold(X)_nᵀ}, {@code db = Σ dY} over (N, H, W)); gradients accumulate into the parameters.
 */
public class Conv2d extends Module {
    private final int inChannels, outChannels, groups;
    private final int[] kernel, stride, padding, dilation;
    private final String paddingMode; // null for explicit numbers, else "same" / "valid"
    private final ConvGeometry geometry;
    private final Parameter weight;
    private final Parameter bias; // null without bias

    // forward cache
    private Tensor input;
    private int[] outputShape;

    public Conv2d(Context ctx, int in, int out, int kernel) { this(ctx, in, out, kernel, 1, 0, 1, true); }

    public Conv2d(Context ctx, int in, int out, int kernel, int stride) { this(ctx, in, out, kernel, stride, 0, 1, true); }

    public Conv2d(Context ctx, int in, int out, int kernel, int stride, int padding) { this(ctx, in, out, kernel, stride, padding, 1, true); }

    public Conv2d(Context ctx, int in, int out, int kernel, int stride, int padding, int dilation, boolean bias) {
        this(ctx, in, out, Pair.of(kernel), Pair.of(stride), Pair.of(padding), Pair.of(dilation), bias);
    }

    /** With {@code groups} (PyTorch's order: ..., dilation, groups, bias); groups = in is a depthwise convolution. */
    public Conv2d(Context ctx, int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
        this(ctx, in, out, Pair.of(kernel), Pair.of(stride), Pair.of(padding), Pair.of(dilation), groups, bias);
    }

    /** Per-axis (h, w) arguments: {@code new int[]{kh, kw}}, ... */
    public Conv2d(Context ctx, int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean bias) {
        this(ctx, in, out, kernel, stride, padding, null, dilation, 1, bias);
    }

    /** Per-axis (h, w) arguments with {@code groups}. */
    public Conv2d(Context ctx, int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias) {
        this(ctx, in, out, kernel, stride, padding, null, dilation, groups, bias);
    }

    /** {@code padding="same"} or {@code "valid"} with stride 1, dilation 1, bias. */
    public Conv2d(Context ctx, int in, int out, int kernel, String padding) {
        this(ctx, in, out, Pair.of(kernel), Pair.of(1), null, padding, Pair.of(1), 1, true);
    }

    /** {@code padding="same"} or {@code "valid"}; "same" requires stride 1 (as PyTorch). */
    public Conv2d(Context ctx, int in, int out, int kernel, int stride, String padding, int dilation, boolean bias) {
        this(ctx, in, out, Pair.of(kernel), Pair.of(stride), null, padding, Pair.of(dilation), 1, bias);
    }

    /** Per-axis variant of the string-padding constructor. */
    public Conv2d(Context ctx, int in, int out, int[] kernel, int[] stride, String padding, int[] dilation, boolean bias) {
        this(ctx, in, out, kernel, stride, null, padding, dilation, 1, bias);
    }

    private Conv2d(Context ctx, int in, int out, int[] kernel, int[] stride, int[] padding, String paddingMode, int[] dilation,
                   int groups, boolean bias) {
        String who = "Conv2d(" + in + ", " + out + ")";
        if (in < 1 || out < 1)
            throw new IllegalArgumentException(who + ": in_channels and out_channels must be >= 1");
        if (groups < 1 || in % groups != 0 || out % groups != 0)
            throw new IllegalArgumentException(who + ": groups=" + groups + " must be >= 1 and divide both in_channels and out_channels");
        this.inChannels = in;
        this.outChannels = out;
        this.groups = groups;
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
        int[] wShape = {out, in / groups, this.kernel[0], this.kernel[1]};
        int fanIn = Init.fanIn(wShape);
        this.weight = new Parameter("weight", Init.uniformFanIn(ctx, fanIn, wShape));
        this.bias = bias ? new Parameter("bias", Init.uniformFanIn(ctx, fanIn, out)) : null;
    }

    public int inChannels() { return inChannels; }

    public int outChannels() { return outChannels; }

    public int groups() { return groups; }

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
        Tensor y;
        if (groups == 1) {
            y = b.conv2d(x, weight.value(), bias == null ? null : bias.value(), geometry);
        } else {
            Tensor[] ys = new Tensor[groups];
            for (int g = 0; g < groups; g++)
                ys[g] = b.conv2d(inputGroup(x, g), weightGroup(g), bias == null ? null : b.slice(bias.value(), 0, g * outChannels / groups, outChannels / groups), geometry);
            y = b.concat(1, ys);
        }
        if (recording()) {
            input = x;
            outputShape = y.shape();
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        Backend b = dY.backend();
        if (groups > 1) return groupedBackward(b, dY);
        ConvGradients g = b.conv2dBackward(dY, input, weight.value(), geometry, bias != null);
        weight.accumulateGrad(g.weight());
        if (bias != null) bias.accumulateGrad(g.bias());
        return g.input();
    }

    /** Each group's fused backward on its channel slices; the pieces are concatenated back. */
    private Tensor groupedBackward(Backend b, Tensor dY) {
        int og = outChannels / groups;
        Tensor[] dx = new Tensor[groups], dw = new Tensor[groups], db = new Tensor[groups];
        for (int g = 0; g < groups; g++) {
            ConvGradients gr = b.conv2dBackward(b.slice(dY, 1, g * og, og), inputGroup(input, g), weightGroup(g), geometry, bias != null);
            dx[g] = gr.input();
            dw[g] = gr.weight();
            db[g] = gr.bias();
        }
        weight.accumulateGrad(b.concat(0, dw));
        if (bias != null) bias.accumulateGrad(b.concat(0, db));
        return b.concat(1, dx);
    }

    private Tensor inputGroup(Tensor x, int g) { return x.backend().slice(x, 1, g * inChannels / groups, inChannels / groups); }

    private Tensor weightGroup(int g) { return weight.value().backend().slice(weight.value(), 0, g * outChannels / groups, outChannels / groups); }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Conv2d(").append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(Pair.str(kernel)).append(", stride=").append(Pair.str(stride));
        if (paddingMode != null) s.append(", padding=").append(paddingMode);
        else if (!Pair.all(padding, 0)) s.append(", padding=").append(Pair.str(padding));
        if (!Pair.all(dilation, 1)) s.append(", dilation=").append(Pair.str(dilation));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias == null) s.append(", bias=False");
        return s.append(")").toString();
    }
}
