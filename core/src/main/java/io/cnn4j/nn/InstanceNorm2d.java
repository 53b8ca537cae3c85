package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.nn.InstanceNorm2d(num_features, eps=1e-5, momentum=0.1, affine=False, track_running_stats=False)}:
 * each (sample, channel) plane of {@code x [N, C, H, W]} is standardised over its H·W positions (biased variance);
 * with {@code affine} a per-channel {@code weight} (ones) and {@code bias} (zeros) follow.
 *
 * <p>With {@code track_running_stats} it keeps buffers {@code running_mean} (zeros) and {@code running_var} (ones)
 * of shape {@code [C]}, as PyTorch: each training forward still normalises with the instance statistics and then sets
 * {@code running_mean ← (1 − momentum)·running_mean + momentum·mean_n(mean_nc)} and
 * {@code running_var ← (1 − momentum)·running_var + momentum·mean_n(var_nc·HW/(HW − 1))} (the unbiased plane variance,
 * averaged over the batch); in eval mode every plane is normalised with the running statistics instead. Like
 * {@link BatchNorm2d}, PyTorch's {@code num_batches_tracked} counter is not stored (PyTorch fills it in on load).
 * Without it the layer behaves the same in training and eval mode.
 */
public class InstanceNorm2d extends Module {
    private final int channels;
    private final double eps, momentum;
    private final Parameter weight, bias;
    private final Tensor runningMean, runningVar;   // null without track_running_stats
    private RowStandardizer.Standardized standardized;
    private Tensor xhat, evalInvStd;                // evalInvStd [1, C, 1, 1] when the last forward used running statistics
    private int[] shape;

    public InstanceNorm2d(Context ctx, int numFeatures) { this(ctx, numFeatures, 1e-5, false); }

    public InstanceNorm2d(Context ctx, int numFeatures, double eps, boolean affine) { this(ctx, numFeatures, eps, 0.1, affine, false); }

    public InstanceNorm2d(Context ctx, int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures < 1) throw new IllegalArgumentException("InstanceNorm2d(" + numFeatures + "): num_features must be >= 1");
        if (!(eps > 0)) throw new IllegalArgumentException("InstanceNorm2d: eps must be > 0, got " + eps);
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("InstanceNorm2d: momentum must be in [0, 1], got " + momentum);
        this.channels = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? new Parameter("weight", Init.constant(ctx, 1.0, numFeatures)) : null;
        this.bias = affine ? new Parameter("bias", Init.constant(ctx, 0.0, numFeatures)) : null;
        this.runningMean = trackRunningStats ? Init.constant(ctx, 0.0, numFeatures) : null;
        this.runningVar = trackRunningStats ? Init.constant(ctx, 1.0, numFeatures) : null;
    }

    /** The running mean {@code [C]}, or {@code null} without track_running_stats. */
    public Tensor runningMean() { return runningMean; }

    /** The running (unbiased) variance {@code [C]}, or {@code null} without track_running_stats. */
    public Tensor runningVar() { return runningVar; }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x, channels);
        Backend b = x.backend();
        int[] s = x.shape();
        Tensor xhat, invStd = null;
        RowStandardizer.Standardized z = null;
        if (runningMean != null && !isTraining()) {
            invStd = b.reshape(runningVar, 1, channels, 1, 1).add(eps).apply(UnaryOp.SQRT).apply(UnaryOp.RECIPROCAL);
            xhat = x.sub(b.reshape(runningMean, 1, channels, 1, 1)).mul(invStd);
        } else {
            Tensor rows = b.reshape(x, s[0] * s[1], -1);
            if (runningMean != null) updateRunningStats(b, rows, s);
            z = RowStandardizer.forward(rows, eps);
            xhat = b.reshape(z.xhat(), s);
        }
        if (recording()) {
            this.xhat = xhat;
            this.evalInvStd = invStd;
            this.standardized = z;
            shape = s;
        }
        if (weight == null) return xhat;
        return xhat.mul(b.reshape(weight.value(), 1, channels, 1, 1)).add(b.reshape(bias.value(), 1, channels, 1, 1));
    }

    private void updateRunningStats(Backend b, Tensor rows, int[] s) {
        long m = (long) s[2] * s[3];
        if (m <= 1)
            throw new IllegalArgumentException(this + ": expected more than 1 spatial element when training, got input shape "
                    + Shapes.str(s) + "; use a larger input or call eval()");
        Checks.requireCompatible(this, rows, runningMean);
        Tensor mean = rows.mean(true, 1), centered = rows.sub(mean);
        Tensor batchMean = b.reshape(mean, s[0], s[1]).mean(false, 0);
        Tensor batchVar = b.reshape(centered.mul(centered).mean(false, 1), s[0], s[1]).mean(false, 0).mul(m / (m - 1.0));
        b.copy(runningMean.mul(1 - momentum).add(batchMean.mul(momentum)), runningMean);
        b.copy(runningVar.mul(1 - momentum).add(batchVar.mul(momentum)), runningVar);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        Backend b = dY.backend();
        Tensor g = dY;
        if (weight != null) {
            int[] axes = {0, 2, 3};
            weight.accumulateGrad(b.sum(dY.mul(xhat), axes, false));
            bias.accumulateGrad(b.sum(dY, axes, false));
            g = dY.mul(b.reshape(weight.value(), 1, channels, 1, 1));
        }
        if (evalInvStd != null) return g.mul(evalInvStd);
        return b.reshape(RowStandardizer.backward(standardized, b.reshape(g, shape[0] * shape[1], -1)), shape);
    }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    protected Map<String, Tensor> ownBuffers() {
        if (runningMean == null) return Map.of();
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("running_mean", runningMean);
        m.put("running_var", runningVar);
        return m;
    }

    @Override
    public String toString() {
        return "InstanceNorm2d(" + channels + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null ? "True" : "False")
                + ", track_running_stats=" + (runningMean != null ? "True" : "False") + ")";
    }
}
