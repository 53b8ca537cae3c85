package io.cnn4j.examples.models;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ConvTranspose2d;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.ReLU;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;


/**
 * The {@link UNet} architecture with an explicit, hand-written forward and backward over its children: an
 * independent oracle that the graph-derived {@link UNet} must reproduce bit for bit
 * ({@code GraphUNetEquivalenceTest}).
 *
 * <p> * A small two-level U-Net denoiser with additive skips and a global residual (the network predicts the
 * negative noise; output = input + correction). With width {@code c} (default 16, about 118k parameters):
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
 * {@code ModuleDenoiser}). State dict names are the field names ({@code enc1a.weight}, {@code up2.bias}, ...), the
 * same as the PyTorch twin in {@code tools/pytorch/unet.py}.
 */
class HandWrittenUNet extends Module {
    private final int width;
    private final Conv2d enc1a, enc1b, down1, enc2, down2, mid1, mid2, dec2, dec1, out;
    private final ConvTranspose2d up2, up1;
    private final ReLU r1a = new ReLU(), r1b = new ReLU(), rd1 = new ReLU(), r2 = new ReLU(), rd2 = new ReLU(),
            rm1 = new ReLU(), rm2 = new ReLU(), rdec2 = new ReLU(), rdec1 = new ReLU();

    HandWrittenUNet(Context ctx) { this(ctx, 16); }

    HandWrittenUNet(Context ctx, int width) {
        if (width < 1) throw new IllegalArgumentException("UNet: width must be >= 1, got " + width);
        this.width = width;
        int c = width;
        enc1a = addModule("enc1a", new Conv2d(ctx, 3, c, 3, 1, 1));
        enc1b = addModule("enc1b", new Conv2d(ctx, c, c, 3, 1, 1));
        down1 = addModule("down1", new Conv2d(ctx, c, 2 * c, 2, 2));
        enc2 = addModule("enc2", new Conv2d(ctx, 2 * c, 2 * c, 3, 1, 1));
        down2 = addModule("down2", new Conv2d(ctx, 2 * c, 4 * c, 2, 2));
        mid1 = addModule("mid1", new Conv2d(ctx, 4 * c, 4 * c, 3, 1, 1));
        mid2 = addModule("mid2", new Conv2d(ctx, 4 * c, 4 * c, 3, 1, 1));
        up2 = addModule("up2", new ConvTranspose2d(ctx, 4 * c, 2 * c, 2, 2));
        dec2 = addModule("dec2", new Conv2d(ctx, 2 * c, 2 * c, 3, 1, 1));
        up1 = addModule("up1", new ConvTranspose2d(ctx, 2 * c, c, 2, 2));
        dec1 = addModule("dec1", new Conv2d(ctx, c, c, 3, 1, 1));
        out = addModule("out", new Conv2d(ctx, c, 3, 1));
    }

    public int width() { return width; }

    @Override
    public Tensor forward(Tensor x) {
        Shapes.requireRank("UNet", x, 4, "[N,3,H,W]");
        if (x.dim(1) != 3 || x.dim(2) % 4 != 0 || x.dim(3) % 4 != 0 || x.dim(2) == 0 || x.dim(3) == 0)
            throw new IllegalArgumentException("UNet: expected input [N,3,H,W] with H and W positive multiples of 4, got "
                    + Shapes.str(x.shape()) + "; pad the image (ModuleDenoiser does this by reflection)");
        Tensor s1 = r1b.forward(enc1b.forward(r1a.forward(enc1a.forward(x))));
        Tensor s2 = r2.forward(enc2.forward(rd1.forward(down1.forward(s1))));
        Tensor m = rm2.forward(mid2.forward(rm1.forward(mid1.forward(rd2.forward(down2.forward(s2))))));
        Tensor d2 = rdec2.forward(dec2.forward(up2.forward(m).add(s2)));
        Tensor d1 = rdec1.forward(dec1.forward(up1.forward(d2).add(s1)));
        return x.add(out.forward(d1));
    }

    @Override
    public Tensor backward(Tensor dY) {
        Tensor dU1 = dec1.backward(rdec1.backward(out.backward(dY)));      // gradient at up1(d2) + s1
        Tensor dU2 = dec2.backward(rdec2.backward(up1.backward(dU1)));      // gradient at up2(m) + s2
        Tensor dS2 = down2.backward(rd2.backward(mid1.backward(rm1.backward(mid2.backward(rm2.backward(up2.backward(dU2)))))));
        dS2 = dS2.add(dU2);
        Tensor dS1 = down1.backward(rd1.backward(enc2.backward(r2.backward(dS2)))).add(dU1);
        Tensor dX = enc1a.backward(r1a.backward(enc1b.backward(r1b.backward(dS1))));
        return dX.add(dY);
    }

    @Override
    public String toString() { return "HandWrittenUNet(width=" + width + ")"; }
}
