package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.ConvGradients;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.List;

/**
 * Transposed 2-D convolution, as {@code torch.nn.ConvTranspose2d(in, out, kernel_size, stride=1, padding=0,
 * output_padding=0, groups=1, bias=True, dilation=1)} with {@code groups=1}: the adjoint (gradient) of a
 * {@link Conv2d} with the same kernel, stride, padding and dilation, plus a bias.
 *
 * <ul>
 *   <li>Input {@code [N, in, H, W]}, output {@code [N, out, oH, oW]} with
 *       {@code oH = (H-1)·stride - 2·padding + dilation·(kh-1) + output_padding + 1} (same for W).</li>
 *   <li>Weight {@code [in, out, kh, kw]} (PyTorch's layout, note in before out), bias {@code [out]}. PyTorch's default
 *       init uses fan_in = size(1)·kh·kw = out·kh·kw, so weights and bias are U(±1/√(out·kh·kw)).</li>
 *   <li>{@code output_padding} must be smaller than the stride or the dilation on each axis (as PyTorch); it only
 *       adds rows/columns at the bottom/right that receive no input contribution (just the bias).</li>
 * </ul>
 * Forward and backward are the backend's fused {@link Backend#convTranspose2d} and
 * {@link Backend#convTranspose2dBackward} (defined in {@link io.cnn4j.tensor.CompositeConvolutions}:
 * {@code Y = fold(Wᵀ·X) (+ b)}, {@code dX = W·unfold(dY)}, {@code dW = Σ_n X_n·unfold(dY)_nᵀ}, {@code db = Σ dY}).
 */
public class ConvTranspose2d extends Module {
    private final int inChannels, outChannels;
    private final int[] kernel, stride, padding, outputPadding, dilation;
    private final ConvGeometry geometry;
    private final Parameter weight;
    private final Parameter bias;

    // forward cache
    private Tensor input;
    private int[] outputShape;

    public ConvTranspose2d(Context ctx, int in, int out, int kernel) { this(ctx, in, out, kernel, 1, 0, 0, 1, true); }

    public ConvTranspose2d(Context ctx, int in, int out, int kernel, int stride) { this(ctx, in, out, kernel, stride, 0, 0, 1, true); }

    public ConvTranspose2d(Context ctx, int in, int out, int kernel, int stride, int padding) {
        this(ctx, in, out, kernel, stride, padding, 0, 1, true);
    }

    public ConvTranspose2d(Context ctx, int in, int out, int kernel, int stride, int padding, int outputPadding) {
        this(ctx, in, out, kernel, stride, padding, outputPadding, 1, true);
    }

    /** Argument order of the cnn4j specification: ..., output_padding, dilation, bias. */
    public ConvTranspose2d(Context ctx, int in, int out, int kernel, int stride, int padding, int outputPadding, int dilation, boolean bias) {
        this(ctx, in, out, Pair.of(kernel), Pair.of(stride), Pair.of(padding), Pair.of(outputPadding), Pair.of(dilation), bias);
    }

    /** PyTorch's positional order (without groups): ..., output_padding, bias, dilation. */
    public ConvTranspose2d(Context ctx, int in, int out, int kernel, int stride, int padding, int outputPadding, boolean bias, int dilation) {
        this(ctx, in, out, kernel, stride, padding, outputPadding, dilation, bias);
    }

    /** Per-axis (h, w) arguments. */
    public ConvTranspose2d(Context ctx, int in, int out, int[] kernel, int[] stride, int[] padding, int[] outputPadding,
                           int[] dilation, boolean bias) {
        String who = reprName() + "(" + in + ", " + out + ")";
        if (in < 1 || out < 1) throw new IllegalArgumentException(who + ": in_channels and out_channels must be >= 1");
        this.inChannels = in;
        this.outChannels = out;
        this.kernel = Pair.check(who, "kernel_size", kernel, 1);
        this.stride = Pair.check(who, "stride", stride, 1);
        this.padding = Pair.check(who, "padding", padding, 0);
        this.outputPadding = Pair.check(who, "output_padding", outputPadding, 0);
        this.dilation = Pair.check(who, "dilation", dilation, 1);
        for (int a = 0; a < 2; a++) {
            if (this.outputPadding[a] >= this.stride[a] && this.outputPadding[a] >= this.dilation[a])
                throw new IllegalArgumentException(who + ": output padding must be smaller than either stride or dilation, but got output_padding="
                        + Pair.str(this.outputPadding) + ", stride=" + Pair.str(this.stride) + ", dilation=" + Pair.str(this.dilation)
                        + "; use output_padding < stride");
        }
        this.geometry = ConvGeometry.of(this.kernel[0], this.kernel[1], this.stride[0], this.stride[1],
                this.padding[0], this.padding[1], this.dilation[0], this.dilation[1]);
        int[] wShape = {in, out, this.kernel[0], this.kernel[1]};
        int fanIn = Init.fanIn(wShape); // out·kh·kw: PyTorch's quirk for transposed convolutions
        this.weight = new Parameter("weight", Init.uniformFanIn(ctx, fanIn, wShape));
        this.bias = bias ? new Parameter("bias", Init.uniformFanIn(ctx, fanIn, out)) : null;
    }

    /** The name printed by {@link #toString()} and used in error messages. */
    protected String reprName() { return "ConvTranspose2d"; }

    public int inChannels() { return inChannels; }

    public int outChannels() { return outChannels; }

    /** The geometry of the Conv2d this layer is the adjoint of. */
    public ConvGeometry geometry() { return geometry; }

    public Parameter weight() { return weight; }

    /** The bias parameter, or {@code null} when built with {@code bias=false}. */
    public Parameter bias() { return bias; }

    /** Output height for input height {@code h}: (h-1)·s - 2p + d·(k-1) + output_padding + 1. */
    public int outH(int h) { return (h - 1) * stride[0] - 2 * padding[0] + dilation[0] * (kernel[0] - 1) + outputPadding[0] + 1; }

    /** Output width for input width {@code w}. */
    public int outW(int w) { return (w - 1) * stride[1] - 2 * padding[1] + dilation[1] * (kernel[1] - 1) + outputPadding[1] + 1; }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x, inChannels);
        Checks.requireCompatible(this, x, weight.value());
        int h = x.dim(2), w = x.dim(3);
        int oh = outH(h), ow = outW(w);
        if (oh < 1 || ow < 1)
            throw new IllegalArgumentException(this + ": input " + Shapes.str(x.shape()) + " gives a non-positive output size "
                    + oh + "x" + ow + " (= (H-1)*stride - 2*padding + dilation*(k-1) + output_padding + 1); use a larger input or less padding");
        Tensor y = x.backend().convTranspose2d(x, weight.value(), bias == null ? null : bias.value(), geometry, oh, ow);
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
        ConvGradients g = b.convTranspose2dBackward(dY, input, weight.value(), geometry, bias != null);
        weight.accumulateGrad(g.weight());
        if (bias != null) bias.accumulateGrad(g.bias());
        return g.input();
    }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(reprName()).append("(").append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(Pair.str(kernel)).append(", stride=").append(Pair.str(stride));
        if (!Pair.all(padding, 0)) s.append(", padding=").append(Pair.str(padding));
        if (!Pair.all(dilation, 1)) s.append(", dilation=").append(Pair.str(dilation));
        if (!Pair.all(outputPadding, 0)) s.append(", output_padding=").append(Pair.str(outputPadding));
        if (bias == null) s.append(", bias=False");
        return s.append(")").toString();
    }
}
