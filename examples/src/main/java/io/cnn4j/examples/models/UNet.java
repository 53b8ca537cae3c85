package io.cnn4j.examples.models;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ConvTranspose2d;
import io.cnn4j.nn.Graph;
import io.cnn4j.nn.Merge;
import io.cnn4j.nn.ReLU;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;


/**
 * A U-Net denoiser with additive skips and a global residual (the network predicts the negative noise; output =
 * input + correction), wired as a {@link Graph} so its backward is derived. With width {@code c} and {@code depth}
 * downsamplings {@code D} (defaults 16 and 2: about 118k parameters), level {@code l} runs at {@code H/2^(l-1)} with
 * {@code 2^(l-1)·c} channels:
 * <pre>
 *   x [N,3,H,W]
 *   enc1a 3×3 3→c, ReLU; enc1b 3×3 c→c, ReLU                          → s1 [c, H, W]
 *   for l = 2..D:   down(l-1) k2s2, ReLU; enc(l) 3×3, ReLU            → s(l) [2^(l-1)·c, H/2^(l-1), W/2^(l-1)]
 *   downD k2s2, ReLU; mid1 3×3, ReLU; mid2 3×3, ReLU                  (2^D·c channels at H/2^D)
 *   for l = D..2:   up(l) ConvTranspose k2s2, + s(l); dec(l) 3×3, ReLU
 *   up1 ConvTranspose k2s2 2c→c, + s1; dec1 3×3 c→c, ReLU
 *   out 1×1 c→3;  y = x + out
 * </pre>
 * At depth 2 that is enc1a, enc1b, down1, enc2, down2, mid1, mid2, up2, dec2, up1, dec1, out. Every 3×3 convolution
 * below full resolution costs the same multiply-adds per input pixel as one at full resolution (four times the
 * channel pairs on a quarter of the pixels), so each level adds about two full-resolution convolutions of work and
 * doubles the receptive field. All 3×3 convolutions use padding 1, so H and W must be multiples of
 * {@link #sideMultiple()} = 2^D (callers pad, see {@code ModuleDenoiser}). State dict names are the convolution node
 * names ({@code enc1a.weight}, {@code up2.bias}, ...), the same as the PyTorch twin in
 * {@code tools/pytorch/cnn4j_interop.py}; a ReLU node is named after its convolution with {@code _relu}.
 */
public class UNet extends Graph {
    private final int width;
    private final int depth;

    public UNet(Context ctx) { this(ctx, 16); }

    public UNet(Context ctx, int width) { this(ctx, width, 2); }

    public UNet(Context ctx, int width, int depth) {
        if (width < 1) throw new IllegalArgumentException("UNet: width must be >= 1, got " + width);
        if (depth < 1 || depth > 6) throw new IllegalArgumentException("UNet: depth must be in 1..6, got " + depth);
        this.width = width;
        this.depth = depth;
        int c = width;
        convRelu("enc1a", new Conv2d(ctx, 3, c, 3, 1, 1), INPUT);
        convRelu("enc1b", new Conv2d(ctx, c, c, 3, 1, 1), "enc1a_relu");                 // s1
        String skip = "enc1b_relu";
        for (int l = 2; l <= depth; l++) {
            int in = c << (l - 2), out = c << (l - 1);
            convRelu("down" + (l - 1), new Conv2d(ctx, in, out, 2, 2), skip);
            convRelu("enc" + l, new Conv2d(ctx, out, out, 3, 1, 1), "down" + (l - 1) + "_relu");  // s(l)
            skip = "enc" + l + "_relu";
        }
        int bottom = c << depth;
        convRelu("down" + depth, new Conv2d(ctx, bottom / 2, bottom, 2, 2), skip);
        convRelu("mid1", new Conv2d(ctx, bottom, bottom, 3, 1, 1), "down" + depth + "_relu");
        convRelu("mid2", new Conv2d(ctx, bottom, bottom, 3, 1, 1), "mid1_relu");
        String below = "mid2_relu";
        for (int l = depth; l >= 1; l--) {
            int out = c << (l - 1);
            add("up" + l, new ConvTranspose2d(ctx, 2 * out, out, 2, 2), below);
            add("skip" + l, Merge.add(), "up" + l, l == 1 ? "enc1b_relu" : "enc" + l + "_relu");
            convRelu("dec" + l, new Conv2d(ctx, out, out, 3, 1, 1), "skip" + l);
            below = "dec" + l + "_relu";
        }
        add("out", new Conv2d(ctx, c, 3, 1), below);
        add("residual", Merge.add(), INPUT, "out");
        output("residual");
    }

    /** Nodes {@code name} (the convolution) and {@code name_relu}. */
    private void convRelu(String name, Conv2d conv, String input) {
        add(name, conv, input);
        add(name + "_relu", new ReLU(), name);
    }

    public int width() { return width; }

    /** Number of downsamplings. */
    public int depth() { return depth; }

    /** Image sides must be multiples of this (2^depth). */
    public int sideMultiple() { return 1 << depth; }

    @Override
    public Tensor forward(Tensor x) {
        Shapes.requireRank("UNet", x, 4, "[N,3,H,W]");
        int m = sideMultiple();
        if (x.dim(1) != 3 || x.dim(2) % m != 0 || x.dim(3) % m != 0 || x.dim(2) == 0 || x.dim(3) == 0)
            throw new IllegalArgumentException("UNet: expected input [N,3,H,W] with H and W positive multiples of " + m
                    + ", got " + Shapes.str(x.shape()) + "; pad the image (ModuleDenoiser does this by reflection)");
        return super.forward(x);
    }

    @Override
    public String toString() { return depth == 2 ? "UNet(width=" + width + ")" : "UNet(width=" + width + ", depth=" + depth + ")"; }
}
