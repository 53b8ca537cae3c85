package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.List;

/**
 * {@code torch.nn.GroupNorm(num_groups, num_channels, eps=1e-5, affine=True)}: for {@code x [N, C, *]} the C
 * channels are split into G groups of C/G; each (sample, group) is standardised over its channels and positions
 * (biased variance), then scaled and shifted per channel by {@code weight [C]} (ones) and {@code bias [C]} (zeros).
 * Unlike BatchNorm it does not depend on the batch, so it is the same in training and eval mode and works for
 * batch size 1.
 */
public class GroupNorm extends Module {
    private final int groups, channels;
    private final double eps;
    private final Parameter weight, bias;
    private RowStandardizer.Standardized standardized;
    private Tensor xhat;
    private int[] shape;

    public GroupNorm(Context ctx, int numGroups, int numChannels) { this(ctx, numGroups, numChannels, 1e-5, true); }

    public GroupNorm(Context ctx, int numGroups, int numChannels, double eps, boolean affine) {
        if (numGroups < 1 || numChannels < 1 || numChannels % numGroups != 0)
            throw new IllegalArgumentException("GroupNorm(" + numGroups + ", " + numChannels + "): num_channels must be a positive multiple"
                    + " of num_groups >= 1");
        if (!(eps > 0)) throw new IllegalArgumentException("GroupNorm: eps must be > 0, got " + eps);
        this.groups = numGroups;
        this.channels = numChannels;
        this.eps = eps;
        this.weight = affine ? new Parameter("weight", Init.constant(ctx, 1.0, numChannels)) : null;
        this.bias = affine ? new Parameter("bias", Init.constant(ctx, 0.0, numChannels)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length < 2 || s[1] != channels)
            throw new IllegalArgumentException(this + ": expected input [N, " + channels + ", *], got shape " + Shapes.str(s));
        Backend b = x.backend();
        RowStandardizer.Standardized z = RowStandardizer.forward(b.reshape(x, s[0] * groups, -1), eps);
        Tensor xhat = b.reshape(z.xhat(), s);
        if (recording()) {
            this.standardized = z;
            this.xhat = xhat;
            shape = s;
        }
        if (weight == null) return xhat;
        return xhat.mul(b.reshape(weight.value(), channelShape(s))).add(b.reshape(bias.value(), channelShape(s)));
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        Backend b = dY.backend();
        Tensor g = dY;
        if (weight != null) {
            int[] axes = nonChannelAxes(shape.length);
            weight.accumulateGrad(b.sum(dY.mul(xhat), axes, false));
            bias.accumulateGrad(b.sum(dY, axes, false));
            g = dY.mul(b.reshape(weight.value(), channelShape(shape)));
        }
        return b.reshape(RowStandardizer.backward(standardized, b.reshape(g, shape[0] * groups, -1)), shape);
    }

    /** {@code [1, C, 1, …]} for broadcasting a per-channel vector over an input of shape {@code s}. */
    static int[] channelShape(int[] s) {
        int[] cs = new int[s.length];
        java.util.Arrays.fill(cs, 1);
        cs[1] = s[1];
        return cs;
    }

    /** Every axis but 1. */
    static int[] nonChannelAxes(int rank) {
        int[] a = new int[rank - 1];
        for (int i = 0, k = 0; i < rank; i++) if (i != 1) a[k++] = i;
        return a;
    }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    public String toString() { return "GroupNorm(" + groups + ", " + channels + ", eps=" + eps + ", affine=" + (weight != null ? "True" : "False") + ")"; }
}
