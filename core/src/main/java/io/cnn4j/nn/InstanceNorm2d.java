package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;

import java.util.List;

/**
 * {@code torch.nn.InstanceNorm2d(num_features, eps=1e-5, affine=False)} with PyTorch's default
 * {@code track_running_stats=False}: each (sample, channel) plane of {@code x [N, C, H, W]} is standardised over
 * its H·W positions (biased variance), the same in training and eval mode; with {@code affine} a per-channel
 * {@code weight} (ones) and {@code bias} (zeros) follow. Running statistics are not offered.
 */
public class InstanceNorm2d extends Module {
    private final int channels;
    private final double eps;
    private final Parameter weight, bias;
    private final RowStandardizer standardizer = new RowStandardizer();
    private Tensor xhat;
    private int[] shape;

    public InstanceNorm2d(Context ctx, int numFeatures) { this(ctx, numFeatures, 1e-5, false); }

    public InstanceNorm2d(Context ctx, int numFeatures, double eps, boolean affine) {
        if (numFeatures < 1) throw new IllegalArgumentException("InstanceNorm2d(" + numFeatures + "): num_features must be >= 1");
        if (!(eps > 0)) throw new IllegalArgumentException("InstanceNorm2d: eps must be > 0, got " + eps);
        this.channels = numFeatures;
        this.eps = eps;
        this.weight = affine ? new Parameter("weight", Init.constant(ctx, 1.0, numFeatures)) : null;
        this.bias = affine ? new Parameter("bias", Init.constant(ctx, 0.0, numFeatures)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x, channels);
        Backend b = x.backend();
        int[] s = x.shape();
        xhat = b.reshape(standardizer.forward(b.reshape(x, s[0] * s[1], -1), eps), s);
        shape = s;
        if (weight == null) return xhat;
        return xhat.mul(b.reshape(weight.value(), 1, channels, 1, 1)).add(b.reshape(bias.value(), 1, channels, 1, 1));
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        Backend b = dY.backend();
        Tensor g = dY;
        if (weight != null) {
            int[] axes = {0, 2, 3};
            b.axpy(1.0, b.sum(dY.mul(xhat), axes, false), weight.grad());
            b.axpy(1.0, b.sum(dY, axes, false), bias.grad());
            g = dY.mul(b.reshape(weight.value(), 1, channels, 1, 1));
        }
        return b.reshape(standardizer.backward(b.reshape(g, shape[0] * shape[1], -1)), shape);
    }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    public String toString() { return "InstanceNorm2d(" + channels + ", eps=" + eps + ", affine=" + (weight != null ? "True" : "False") + ")"; }
}
