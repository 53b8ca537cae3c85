package io.cnn4j.nn;

/**
 * {@code torch.nn.Dropout2d(p=0.5)}: like {@link Dropout} but zeroes whole channels, one draw per (sample, channel)
 * of an {@code [N, C, H, W]} input (the mask {@code [N, C, 1, 1]} is broadcast), which suits convolutional
 * features whose neighbouring pixels are correlated. Identity in eval mode; seeded like {@link Dropout}.
 */
public class Dropout2d extends Dropout {

    public Dropout2d(Context ctx) { super(ctx); }

    public Dropout2d(Context ctx, double p) { super(ctx, p); }

    @Override
    int[] maskShape(int[] s) {
        if (s.length != 4)
            throw new IllegalArgumentException(this + ": expected a 4-D input [N, C, H, W], got shape " + io.cnn4j.tensor.Shapes.str(s)
                    + "; use Dropout for other shapes");
        return new int[]{s[0], s[1], 1, 1};
    }
}
