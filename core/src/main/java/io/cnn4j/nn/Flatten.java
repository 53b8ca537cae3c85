package io.cnn4j.nn;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

/**
 * {@code torch.nn.Flatten(start_dim=1, end_dim=-1)}: merges axes start_dim..end_dim into one (row-major), e.g.
 * {@code [N, C, H, W] → [N, C·H·W]} before a {@link Linear}. Backward reshapes the gradient back.
 */
public class Flatten extends Module {
    private final int startDim, endDim;
    private int[] inputShape, outputShape;

    public Flatten() { this(1, -1); }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        int r = x.rank();
        int s, e;
        try {
            s = Shapes.normalizeAxis(startDim, Math.max(r, 1), "Flatten");
            e = Shapes.normalizeAxis(endDim, Math.max(r, 1), "Flatten");
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(this + ": input shape " + Shapes.str(x.shape()) + " has rank " + r
                    + ", too small for start_dim=" + startDim + ", end_dim=" + endDim + "; expected at least rank "
                    + (Math.max(startDim, endDim) + 1) + " (e.g. [N, C, H, W])");
        }
        if (r == 0) {
            if (recording()) { inputShape = x.shape(); outputShape = new int[]{1}; }
            return x.reshape(1);
        }
        if (s > e)
            throw new IllegalArgumentException(this + ": start_dim " + startDim + " comes after end_dim " + endDim
                    + " for input shape " + Shapes.str(x.shape()));
        int[] in = x.shape();
        int[] out = new int[r - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) out[k++] = in[i];
        long merged = 1;
        for (int i = s; i <= e; i++) merged *= in[i];
        out[k++] = Math.toIntExact(merged);
        for (int i = e + 1; i < r; i++) out[k++] = in[i];
        if (recording()) {
            inputShape = in;
            outputShape = out;
        }
        return x.reshape(out);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        return dY.reshape(inputShape);
    }

    @Override
    public String toString() { return "Flatten(start_dim=" + startDim + ", end_dim=" + endDim + ")"; }
}
