package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True)}: standardises over the last
 * {@code normalized_shape.length} dimensions of the input (biased variance), then multiplies by {@code weight} and
 * adds {@code bias}, both shaped {@code normalized_shape} (ones, zeros). For an image {@code [N, C, H, W]} with
 * {@code normalized_shape = {C, H, W}} each sample is normalised over all its features. Same in training and eval.
 */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight, bias;
    private RowStandardizer.Standardized standardized;
    private Tensor xhat;
    private int[] shape;

    public LayerNorm(Context ctx, int... normalizedShape) { this(ctx, normalizedShape, 1e-5, true); }

    public LayerNorm(Context ctx, int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d < 1))
            throw new IllegalArgumentException("LayerNorm: normalized_shape must be non-empty with positive sizes, got " + Shapes.str(normalizedShape));
        if (!(eps > 0)) throw new IllegalArgumentException("LayerNorm: eps must be > 0, got " + eps);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? new Parameter("weight", Init.constant(ctx, 1.0, normalizedShape)) : null;
        this.bias = elementwiseAffine ? new Parameter("bias", Init.constant(ctx, 0.0, normalizedShape)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        int d = normalizedShape.length;
        if (s.length < d || !Arrays.equals(Arrays.copyOfRange(s, s.length - d, s.length), normalizedShape))
            throw new IllegalArgumentException(this + ": expected input [*, " + Shapes.str(normalizedShape).replaceAll("[\\[\\]]", "")
                    + "] (last dimensions equal to normalized_shape), got shape " + Shapes.str(s));
        Backend b = x.backend();
        long m = Shapes.numel(normalizedShape);
        RowStandardizer.Standardized z = RowStandardizer.forward(b.reshape(x, -1, Math.toIntExact(m)), eps);
        Tensor xhat = b.reshape(z.xhat(), s);
        if (recording()) {
            this.standardized = z;
            this.xhat = xhat;
            shape = s;
        }
        if (weight == null) return xhat;
        return xhat.mul(weight.value()).add(bias.value());
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        Backend b = dY.backend();
        Tensor g = dY;
        if (weight != null) {
            int[] lead = new int[shape.length - normalizedShape.length];
            for (int i = 0; i < lead.length; i++) lead[i] = i;
            weight.accumulateGrad(b.sum(dY.mul(xhat), lead, false));
            bias.accumulateGrad(b.sum(dY, lead, false));
            g = dY.mul(weight.value());
        }
        return b.reshape(RowStandardizer.backward(standardized, b.reshape(g, -1, Math.toIntExact(Shapes.numel(normalizedShape)))), shape);
    }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape).replace('[', '(').replace(']', ')') + ", eps=" + eps
                + ", elementwise_affine=" + (weight != null ? "True" : "False") + ")";
    }
}
