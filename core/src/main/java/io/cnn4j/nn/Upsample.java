package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Tensor;

/**
 * Parameter-free nearest-neighbour upsampling by an integer factor, as
 * {@code torch.nn.Upsample(scale_factor=s, mode='nearest')}: {@code [N,C,H,W] → [N,C,H·sh,W·sw]}, output pixel
 * (i, j) copies input pixel (i / sh, j / sw).
 *
 * <p><b>Naming clash:</b> this is PyTorch's {@code Upsample}. The EE559 report's "Upsampling" is a learned
 * transposed convolution — see {@link Upsampling}.
 *
 * <p>Construct it with {@link #scaleFactor(int)} or {@link #scaleFactor(int, int)}: PyTorch's first positional
 * argument is {@code size}, so a positional {@code Upsample(2)} would mean different things in the two libraries;
 * the named factory cannot be misread. The positional constructors are deprecated for that reason.
 *
 * <p>Implementation: nearest upsampling is a fold with kernel = stride = scale of the input replicated sh·sw times;
 * its backward is the matching unfold followed by a sum over each sh×sw block.
 */
public class Upsample extends Module {
    private final int[] scale;
    private final String mode;
    private final ConvGeometry geometry;
    private int[] inputShape, outputShape;

    /** {@code nn.Upsample(scale_factor=scale, mode='nearest')}; the scale must be an integer ≥ 1. */
    public static Upsample scaleFactor(int scale) { return new Upsample(new int[]{scale, scale}, "nearest"); }

    /** {@code nn.Upsample(scale_factor=(sh, sw), mode='nearest')}. */
    public static Upsample scaleFactor(int scaleH, int scaleW) { return new Upsample(new int[]{scaleH, scaleW}, "nearest"); }

    /** @deprecated reads as {@code size} in PyTorch; use {@link #scaleFactor(int)}. */
    @Deprecated
    public Upsample(int scale) { this(new int[]{scale, scale}, "nearest"); }

    /** @deprecated reads as {@code size} in PyTorch; use {@link #scaleFactor(int)} (only mode 'nearest' exists). */
    @Deprecated
    public Upsample(int scale, String mode) { this(new int[]{scale, scale}, mode); }

    /**
     * {@code scale_factor=(sh, sw)} with {@code mode} (only "nearest" is supported).
     * @deprecated reads as {@code size} in PyTorch; use {@link #scaleFactor(int, int)}.
     */
    @Deprecated
    public Upsample(int[] scale, String mode) {
        this.scale = Pair.check("Upsample", "scale_factor", scale, 1);
        if (!"nearest".equals(mode))
            throw new IllegalArgumentException("Upsample(scale_factor=" + Pair.str(this.scale) + "): mode '" + mode
                    + "' is not supported; cnn4j implements mode='nearest' (for a learned upsampling use ConvTranspose2d/Upsampling)");
        this.mode = mode;
        this.geometry = ConvGeometry.of(this.scale[0], this.scale[1], this.scale[0], this.scale[1], 0, 0, 1, 1);
    }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x);
        Backend b = x.backend();
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3), k = scale[0] * scale[1];
        Tensor rep = b.reshape(x, n, c, 1, h * w).add(b.zeros(x.dtype(), 1, 1, k, 1)); // [N, C, k, H·W]
        int[] out = {n, c, h * scale[0], w * scale[1]};
        if (recording()) {
            inputShape = x.shape();
            outputShape = out;
        }
        return ChannelWindows.fold(rep, geometry, out[2], out[3]);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        Backend b = dY.backend();
        return b.reshape(b.sum(ChannelWindows.unfold(dY, geometry, 0.0), new int[]{2}, false), inputShape);
    }

    @Override
    public String toString() {
        String s = scale[0] == scale[1] ? scale[0] + ".0" : "(" + scale[0] + ".0, " + scale[1] + ".0)";
        return "Upsample(scale_factor=" + s + ", mode='" + mode + "')";
    }
}
