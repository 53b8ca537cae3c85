package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.List;

/**
 * {@code torch.nn.Linear(in_features, out_features, bias=True)}: y = x·Wᵀ + b for input {@code [*, in]} (any number
 * of leading axes, typically {@code [N, in]}), output {@code [*, out]}. Weight {@code [out, in]}, bias {@code [out]},
 * both initialised U(±1/√in) as PyTorch.
 */
public class Linear extends Module {
    private final int inFeatures, outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private Tensor input2; // [M, in]
    private int[] inputShape, outputShape;

    public Linear(Context ctx, int in, int out) { this(ctx, in, out, true); }

    public Linear(Context ctx, int in, int out, boolean bias) {
        if (in < 1 || out < 1)
            throw new IllegalArgumentException("Linear(in_features=" + in + ", out_features=" + out + "): both must be >= 1");
        this.inFeatures = in;
        this.outFeatures = out;
        int[] wShape = {out, in};
        this.weight = new Parameter("weight", Init.uniformFanIn(ctx, in, wShape));
        this.bias = bias ? new Parameter("bias", Init.uniformFanIn(ctx, in, out)) : null;
    }

    public int inFeatures() { return inFeatures; }

    public int outFeatures() { return outFeatures; }

    public Parameter weight() { return weight; }

    /** The bias parameter, or {@code null} when built with {@code bias=false}. */
    public Parameter bias() { return bias; }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length < 1 || s[s.length - 1] != inFeatures)
            throw new IllegalArgumentException(this + ": expected input [N, " + inFeatures + "] (last axis = in_features), got shape "
                    + Shapes.str(s) + (s.length == 4 ? "; insert a Flatten() before this layer" : "; check in_features or the previous layer"));
        Checks.requireCompatible(this, x, weight.value());
        Backend b = x.backend();
        int m = Math.toIntExact(x.numel() / inFeatures);
        Tensor x2 = b.reshape(x, m, inFeatures);
        Tensor y = b.matmul(x2, false, weight.value(), true);                    // [M, out]
        if (bias != null) y = y.add(bias.value());
        int[] out = s.clone();
        out[s.length - 1] = outFeatures;
        if (recording()) {
            input2 = x2;
            inputShape = s;
            outputShape = out;
        }
        return b.reshape(y, out);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        Backend b = dY.backend();
        Tensor dy2 = b.reshape(dY, -1, outFeatures);                             // [M, out]
        Tensor dX = b.matmul(dy2, false, weight.value(), false);                 // [M, in]
        weight.accumulateGrad(b.matmul(dy2, true, input2, false));          // [out, in]
        if (bias != null) bias.accumulateGrad(b.sum(dy2, new int[]{0}, false));
        return b.reshape(dX, inputShape);
    }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    public String toString() {
        return "Linear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False") + ")";
    }
}
