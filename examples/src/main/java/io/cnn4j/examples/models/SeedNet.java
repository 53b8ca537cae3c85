package io.cnn4j.examples.models;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Upsampling;

/**
 * The EE559 mini-project seed network (a denoiser for 3×32×32 images in [0, 1]):
 * <pre>
 *   0 Conv2d(3, 64, kernel 2, stride 2)      [N,3,H,W]     → [N,64,H/2,W/2]
 *   1 ReLU
 *   2 Conv2d(64, 256, kernel 2, stride 2)    → [N,256,H/4,W/4]
 *   3 ReLU
 *   4 Upsampling(256, 64, kernel 2, stride 2) (= ConvTranspose2d) → [N,64,H/2,W/2]
 *   5 ReLU
 *   6 Upsampling(64, 3, kernel 2, stride 2)   → [N,3,H,W]
 *   7 Sigmoid
 * </pre>
 * A {@link Sequential}, so its state_dict names are those of the same {@code nn.Sequential} in PyTorch:
 * {@code 0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bias, 6.weight, 6.bias}. H and W must be multiples of 4
 * for the output to have the input's size. Parameters: 3·64·4+64 + 64·256·4+256 + 256·64·4+64 + 64·3·4+3 = 132,995.
 */
public final class SeedNet extends Sequential {

    /** Builds the network with PyTorch's default initialisation, drawn from {@code ctx}'s seeded stream. */
    public SeedNet(Context ctx) {
        super(new Conv2d(ctx, 3, 64, 2, 2),
                new ReLU(),
                new Conv2d(ctx, 64, 256, 2, 2),
                new ReLU(),
                new Upsampling(ctx, 256, 64, 2, 2),
                new ReLU(),
                new Upsampling(ctx, 64, 3, 2, 2),
                new Sigmoid());
    }
}
