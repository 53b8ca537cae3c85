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
 * A one-downsampling U-Net that spends its parameters at full and half resolution instead of in a quarter-resolution
 * bottleneck (with width {@code c} = 32: 119,075 parameters, about 3.4× the multiply-adds of {@link UNet}), wired as a
 * {@link Graph} so its backward is derived:
 * <pre>
 *   x [N,3,H,W]
 *   enc1a 3×3 3→c, ReLU; enc1b 3×3 c→c, ReLU                  → s1 [c, H, W]
 *   down k2s2 c→2c, ReLU; mid1 3×3 2c→2c, ReLU; mid2 3×3 2c→2c, ReLU
 *   up ConvTranspose k2s2 2c→c, + s1; dec1a 3×3 c→c, ReLU; dec1b 3×3 c→c, ReLU
 *   out 1×1 c→3;  y = x + out
 * </pre>
 * H and W must be even (callers pad to a multiple of 4 anyway). State dict names are the convolution node names,
 * the same as the PyTorch twin {@code WideUNet} in {@code tools/pytorch/cnn4j_interop.py}.
 */
public class WideUNet extends Graph {
    private final int width;

    public WideUNet(Context ctx) { this(ctx, 32); }

    public WideUNet(Context ctx, int width) {
        if (width < 1) throw new IllegalArgumentException("WideUNet: width must be >= 1, got " + width);
        this.width = width;
        int c = width;
        convRelu("enc1a", new Conv2d(ctx, 3, c, 3, 1, 1), INPUT);
        convRelu("enc1b", new Conv2d(ctx, c, c, 3, 1, 1), "enc1a_relu");            // s1
        convRelu("down", new Conv2d(ctx, c, 2 * c, 2, 2), "enc1b_relu");
        convRelu("mid1", new Conv2d(ctx, 2 * c, 2 * c, 3, 1, 1), "down_relu");
        convRelu("mid2", new Conv2d(ctx, 2 * c, 2 * c, 3, 1, 1), "mid1_relu");
        add("up", new ConvTranspose2d(ctx, 2 * c, c, 2, 2), "mid2_relu");
        add("skip", Merge.add(), "up", "enc1b_relu");
        convRelu("dec1a", new Conv2d(ctx, c, c, 3, 1, 1), "skip");
        convRelu("dec1b", new Conv2d(ctx, c, c, 3, 1, 1), "dec1a_relu");
        add("out", new Conv2d(ctx, c, 3, 1), "dec1b_relu");
        add("residual", Merge.add(), INPUT, "out");
        output("residual");
    }

    /** Nodes {@code name} (the convolution) and {@code name_relu}. */
    private void convRelu(String name, Conv2d conv, String input) {
        add(name, conv, input);
        add(name + "_relu", new ReLU(), name);
    }

    public int width() { return width; }

    @Override
    public Tensor forward(Tensor x) {
        Shapes.requireRank("WideUNet", x, 4, "[N,3,H,W]");
        if (x.dim(1) != 3 || x.dim(2) % 2 != 0 || x.dim(3) % 2 != 0 || x.dim(2) == 0 || x.dim(3) == 0)
            throw new IllegalArgumentException("WideUNet: expected input [N,3,H,W] with H and W positive and even, got "
                    + Shapes.str(x.shape()) + "; pad the image (ModuleDenoiser does this by reflection)");
        return super.forward(x);
    }

    @Override
    public String toString() { return "WideUNet(width=" + width + ")"; }
}
