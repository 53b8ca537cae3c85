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
 * A small two-level U-Net denoiser with additive skips and a global residual (the network predicts the
 * negative noise; output = input + correction), wired as a {@link Graph} so its backward is derived. With width
 * {@code c} (default 16, about 118k parameters):
 * <pre>
 *   x [N,3,H,W]
 *   enc1a 3×3 3→c, ReLU; enc1b 3×3 c→c, ReLU                → s1   [c,  H,   W  ]
 *   down1 k2s2 c→2c, ReLU; enc2 3×3 2c→2c, ReLU             → s2   [2c, H/2, W/2]
 *   down2 k2s2 2c→4c, ReLU; mid1 3×3 4c→4c, ReLU; mid2 3×3 4c→4c, ReLU
 *   up2 ConvTranspose k2s2 4c→2c, + s2; dec2 3×3 2c→2c, ReLU
 *   up1 ConvTranspose k2s2 2c→c,  + s1; dec1 3×3 c→c,  ReLU
 *   out 1×1 c→3;  y = x + out
 * </pre>
 * All 3×3 convolutions use padding 1, so H and W must be multiples of 4 (callers pad, see
 * {@code ModuleDenoiser}). State dict names are the convolution node names ({@code enc1a.weight}, {@code up2.bias},
 * ...), the same as the PyTorch twin in {@code tools/pytorch/cnn4j_interop.py}; a ReLU node is named after its
 * convolution with {@code _relu}.
 */
public class UNet extends Graph {
    private final int width;

    public UNet(Context ctx) { this(ctx, 16); }

    public UNet(Context ctx, int width) {
        if (width < 1) throw new IllegalArgumentException("UNet: width must be >= 1, got " + width);
        this.width = width;
        int c = width;
        convRelu("enc1a", new Conv2d(ctx, 3, c, 3, 1, 1), INPUT);
        convRelu("enc1b", new Conv2d(ctx, c, c, 3, 1, 1), "enc1a_relu");            // s1
        convRelu("down1", new Conv2d(ctx, c, 2 * c, 2, 2), "enc1b_relu");
        convRelu("enc2", new Conv2d(ctx, 2 * c, 2 * c, 3, 1, 1), "down1_relu");      // s2
        convRelu("down2", new Conv2d(ctx, 2 * c, 4 * c, 2, 2), "enc2_relu");
        convRelu("mid1", new Conv2d(ctx, 4 * c, 4 * c, 3, 1, 1), "down2_relu");
        convRelu("mid2", new Conv2d(ctx, 4 * c, 4 * c, 3, 1, 1), "mid1_relu");
        add("up2", new ConvTranspose2d(ctx, 4 * c, 2 * c, 2, 2), "mid2_relu");
        add("skip2", Merge.add(), "up2", "enc2_relu");
        convRelu("dec2", new Conv2d(ctx, 2 * c, 2 * c, 3, 1, 1), "skip2");
        add("up1", new ConvTranspose2d(ctx, 2 * c, c, 2, 2), "dec2_relu");
        add("skip1", Merge.add(), "up1", "enc1b_relu");
        convRelu("dec1", new Conv2d(ctx, c, c, 3, 1, 1), "skip1");
        add("out", new Conv2d(ctx, c, 3, 1), "dec1_relu");
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
        Shapes.requireRank("UNet", x, 4, "[N,3,H,W]");
        if (x.dim(1) != 3 || x.dim(2) % 4 != 0 || x.dim(3) % 4 != 0 || x.dim(2) == 0 || x.dim(3) == 0)
            throw new IllegalArgumentException("UNet: expected input [N,3,H,W] with H and W positive multiples of 4, got "
                    + Shapes.str(x.shape()) + "; pad the image (ModuleDenoiser does this by reflection)");
        return super.forward(x);
    }

    @Override
    public String toString() { return "UNet(width=" + width + ")"; }
}
