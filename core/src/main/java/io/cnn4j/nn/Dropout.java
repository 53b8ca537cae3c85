package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * {@code torch.nn.Dropout(p=0.5)}: in training mode each element is zeroed with probability p and the survivors
 * are scaled by 1/(1−p), so the expected output equals the input; in eval mode it is the identity. Any shape.
 *
 * <p>Seeded: the constructor takes one seed from the {@link Context} (the role of PyTorch's global generator), and
 * every training-mode forward draws a fresh mask from the next seed of that stream with
 * {@link Backend#uniform} (element kept when u ≥ p), so a run is reproducible and identical on every backend.
 * Backward multiplies by the same mask.
 */
public class Dropout extends Module {
    private final double p;
    private final SplittableRandom seeds;
    private Tensor mask;     // 0 or 1/(1-p); null for an identity pass
    private int[] shape;

    public Dropout(Context ctx) { this(ctx, 0.5); }

    public Dropout(Context ctx, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        this.p = p;
        this.seeds = new SplittableRandom(ctx.nextSeed());
    }

    public double p() { return p; }

    /** The mask's shape for input shape {@code s} (Dropout2d: one draw per channel). */
    int[] maskShape(int[] s) { return s; }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        Tensor m = null;
        if (isTraining() && p != 0) {
            Backend b = x.backend();
            if (p == 1) {
                m = b.zeros(x.dtype(), maskShape(s));
            } else {
                Tensor u = b.uniform(x.dtype(), seeds.nextLong(), 0, 1, maskShape(s));
                m = u.apply(BinaryOp.GE, p).mul(1.0 / (1.0 - p));
            }
        }
        if (recording()) {
            shape = s;
            mask = m;
        }
        return m == null ? x : x.mul(m);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        return mask == null ? dY : dY.mul(mask);
    }

    @Override
    public String toString() { return getClass().getSimpleName() + "(p=" + p + ", inplace=False)"; }
}
