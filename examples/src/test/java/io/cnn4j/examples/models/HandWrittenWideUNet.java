package io.cnn4j.examples.models;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ConvTranspose2d;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.ReLU;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;


/**
 * The {@link WideUNet} architecture with an explicit, hand-written forward and backward over its children: an
 * independent oracle that the graph-derived {@link WideUNet} must reproduce bit for bit
 * ({@code GraphUNetEquivalenceTest}).
 *
 * <p> * A one-downsampling U-Net that spends its parameters at full and half resolution instead of in a quarter-resolution
 * bottleneck (with width {@code c} = 32: 119,075 parameters, about 3.4× the multiply-adds of {@link UNet}):
 * <pre>
 *   x [N,3,H,W]
 *   enc1a 3×3 3→c, ReLU; enc1b 3×3 c→c, ReLU                  → s1 [c, H, W]
 *   down k2s2 c→2c, ReLU; mid1 3×3 2c→2c, ReLU; mid2 3×3 2c→2c, ReLU
 *   up ConvTranspose k2s2 2c→c, + s1; dec1a 3×3 c→c, ReLU; dec1b 3×3 c→c, ReLU
 *   out 1×1 c→3;  y = x + out
 * </pre>
 * H and W must be even (callers pad to a multiple of 4 anyway). State dict names are the field names, the same as
 * the PyTorch twin {@code WideUNet} in {@code tools/pytorch/cnn4j_interop.py}.
 */
class HandWrittenWideUNet extends Module {
    private final int width;
    private final Conv2d enc1a, enc1b, down, mid1, mid2, dec1a, dec1b, out;
    private final ConvTranspose2d up;
    private final ReLU r1a = new ReLU(), r1b = new ReLU(), rd = new ReLU(), rm1 = new ReLU(), rm2 = new ReLU(),
            rdec1a = new ReLU(), rdec1b = new ReLU();

    HandWrittenWideUNet(Context ctx) { this(ctx, 32); }

    HandWrittenWideUNet(Context ctx, int width) {
        if (width < 1) throw new IllegalArgumentException("WideUNet: width must be >= 1, got " + width);
        this.width = width;
        int c = width;
        enc1a = addModule("enc1a", new Conv2d(ctx, 3, c, 3, 1, 1));
        enc1b = addModule("enc1b", new Conv2d(ctx, c, c, 3, 1, 1));
        down = addModule("down", new Conv2d(ctx, c, 2 * c, 2, 2));
        mid1 = addModule("mid1", new Conv2d(ctx, 2 * c, 2 * c, 3, 1, 1));
        mid2 = addModule("mid2", new Conv2d(ctx, 2 * c, 2 * c, 3, 1, 1));
        up = addModule("up", new ConvTranspose2d(ctx, 2 * c, c, 2, 2));
        dec1a = addModule("dec1a", new Conv2d(ctx, c, c, 3, 1, 1));
        dec1b = addModule("dec1b", new Conv2d(ctx, c, c, 3, 1, 1));
        out = addModule("out", new Conv2d(ctx, c, 3, 1));
    }

    public int width() { return width; }

    @Override
    public Tensor forward(Tensor x) {
        Shapes.requireRank("WideUNet", x, 4, "[N,3,H,W]");
        if (x.dim(1) != 3 || x.dim(2) % 2 != 0 || x.dim(3) % 2 != 0 || x.dim(2) == 0 || x.dim(3) == 0)
            throw new IllegalArgumentException("WideUNet: expected input [N,3,H,W] with H and W positive and even, got "
                    + Shapes.str(x.shape()) + "; pad the image (ModuleDenoiser does this by reflection)");
        Tensor s1 = r1b.forward(enc1b.forward(r1a.forward(enc1a.forward(x))));
        Tensor m = rm2.forward(mid2.forward(rm1.forward(mid1.forward(rd.forward(down.forward(s1))))));
        Tensor d = rdec1b.forward(dec1b.forward(rdec1a.forward(dec1a.forward(up.forward(m).add(s1)))));
        return x.add(out.forward(d));
    }

    @Override
    public Tensor backward(Tensor dY) {
        Tensor dU = dec1a.backward(rdec1a.backward(dec1b.backward(rdec1b.backward(out.backward(dY))))); // at up(m) + s1
        Tensor dS1 = down.backward(rd.backward(mid1.backward(rm1.backward(mid2.backward(rm2.backward(up.backward(dU)))))))
                .add(dU);
        Tensor dX = enc1a.backward(r1a.backward(enc1b.backward(r1b.backward(dS1))));
        return dX.add(dY);
    }

    @Override
    public String toString() { return "HandWrittenWideUNet(width=" + width + ")"; }
}
