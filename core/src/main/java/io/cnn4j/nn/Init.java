package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

/**
 * PyTorch's default parameter initialisation, reproduced exactly in distribution and seeded from the
 * {@link Context} so the same seed builds the same model on every backend.
 *
 * <p>{@code kaiming_uniform_(w, a=√5)} draws from U(-b, b) with b = gain·√(3/fan_in), gain = √(2/(1+a²)) = √(1/3),
 * hence b = 1/√fan_in; biases are U(-1/√fan_in, 1/√fan_in). {@code fan_in} is {@code size(1) · kh · kw} of the
 * weight as PyTorch computes it — for ConvTranspose2d (weight [Cin, Cout, kh, kw]) that is Cout·kh·kw.
 */
public final class Init {
    private Init() {}

    /** fan_in of a weight shape, as {@code torch.nn.init._calculate_fan_in_and_fan_out}: size(1) × receptive field. */
    public static int fanIn(int... weightShape) {
        if (weightShape.length < 2) throw new IllegalArgumentException("fanIn: weight must have at least 2 dimensions, got " + weightShape.length);
        int f = weightShape[1];
        for (int i = 2; i < weightShape.length; i++) f *= weightShape[i];
        return f;
    }

    /** A tensor drawn from U(-1/√fanIn, 1/√fanIn) with a fresh seed from {@code ctx} (PyTorch's default weight and bias init). */
    public static Tensor uniformFanIn(Context ctx, int fanIn, int... shape) {
        double bound = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
        return ctx.backend().uniform(ctx.dtype(), ctx.nextSeed(), -bound, bound, shape);
    }

    /** A tensor filled with {@code value} (BatchNorm's weight = 1, biases = 0). */
    public static Tensor constant(Context ctx, double value, int... shape) {
        Tensor t = ctx.backend().zeros(ctx.dtype(), shape);
        if (value != 0.0) ctx.backend().fill(t, value);
        return t;
    }
}
