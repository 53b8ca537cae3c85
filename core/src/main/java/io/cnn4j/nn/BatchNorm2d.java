package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.1, affine=True)} over {@code [N, C, H, W]}.
 *
 * <ul>
 *   <li>Training: normalises with the batch mean and the <em>biased</em> batch variance over (N, H, W), and updates
 *       {@code running_mean ← (1-momentum)·running_mean + momentum·mean},
 *       {@code running_var ← (1-momentum)·running_var + momentum·var·M/(M-1)} (unbiased, M = N·H·W), as PyTorch.
 *       M must be &gt; 1.</li>
 *   <li>Evaluation ({@link #eval()}): normalises with the running statistics.</li>
 *   <li>Parameters {@code weight} (γ, init 1) and {@code bias} (β, init 0) when affine; buffers {@code running_mean}
 *       (init 0) and {@code running_var} (init 1). PyTorch's {@code num_batches_tracked} counter is kept as
 *       {@link #numBatchesTracked()} but not exported as a buffer (PyTorch fills it in when it is missing on load).</li>
 * </ul>
 */
public class BatchNorm2d extends Module {
    private final int numFeatures;
    private final double eps, momentum;
    private final Parameter weight, bias; // null when !affine
    private final Tensor runningMean, runningVar;
    private long numBatchesTracked;

    // forward cache
    private Tensor xhat, invStd; // invStd [1, C, 1, 1]
    private boolean cachedTraining;
    private int[] shape;

    public BatchNorm2d(Context ctx, int numFeatures) { this(ctx, numFeatures, 1e-5, 0.1, true); }

    public BatchNorm2d(Context ctx, int numFeatures, double eps, double momentum, boolean affine) {
        if (numFeatures < 1) throw new IllegalArgumentException("BatchNorm2d(" + numFeatures + "): num_features must be >= 1");
        if (!(eps > 0)) throw new IllegalArgumentException("BatchNorm2d(" + numFeatures + "): eps must be > 0, got " + eps);
        if (!(momentum >= 0 && momentum <= 1))
            throw new IllegalArgumentException("BatchNorm2d(" + numFeatures + "): momentum must be in [0, 1], got " + momentum);
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? new Parameter("weight", Init.constant(ctx, 1.0, numFeatures)) : null;
        this.bias = affine ? new Parameter("bias", Init.constant(ctx, 0.0, numFeatures)) : null;
        this.runningMean = Init.constant(ctx, 0.0, numFeatures);
        this.runningVar = Init.constant(ctx, 1.0, numFeatures);
    }

    public int numFeatures() { return numFeatures; }

    /** γ, or {@code null} when not affine. */
    public Parameter weight() { return weight; }

    /** β, or {@code null} when not affine. */
    public Parameter bias() { return bias; }

    /** The running mean buffer {@code [C]} (updated in place in training mode). */
    public Tensor runningMean() { return runningMean; }

    /** The running (unbiased) variance buffer {@code [C]} (updated in place in training mode). */
    public Tensor runningVar() { return runningVar; }

    /** Number of training-mode forward passes so far (PyTorch's num_batches_tracked). */
    public long numBatchesTracked() { return numBatchesTracked; }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x, numFeatures);
        Checks.requireCompatible(this, x, runningMean);
        Backend b = x.backend();
        int c = numFeatures;
        int[] axes = {0, 2, 3};
        Tensor mean, var, invStd, xhat;
        if (isTraining()) {
            long m = (long) x.dim(0) * x.dim(2) * x.dim(3);
            if (m <= 1)
                throw new IllegalArgumentException(this + ": expected more than 1 value per channel when training, got input shape "
                        + Shapes.str(x.shape()) + "; use a batch with N*H*W > 1 or call eval()");
            mean = x.mean(true, axes);                                             // [1, C, 1, 1]
            Tensor xc = x.sub(mean);
            var = xc.mul(xc).mean(true, axes);                                     // biased
            Tensor newMean = runningMean.mul(1 - momentum).add(b.reshape(mean, c).mul(momentum));
            Tensor newVar = runningVar.mul(1 - momentum).add(b.reshape(var, c).mul(momentum * m / (m - 1.0)));
            b.copy(newMean, runningMean);
            b.copy(newVar, runningVar);
            numBatchesTracked++;
            invStd = var.add(eps).apply(UnaryOp.SQRT).apply(UnaryOp.RECIPROCAL);
            xhat = xc.mul(invStd);
        } else {
            mean = b.reshape(runningMean, 1, c, 1, 1);
            var = b.reshape(runningVar, 1, c, 1, 1);
            invStd = var.add(eps).apply(UnaryOp.SQRT).apply(UnaryOp.RECIPROCAL);
            xhat = x.sub(mean).mul(invStd);
        }
        if (recording()) {
            this.xhat = xhat;
            this.invStd = invStd;
            cachedTraining = isTraining();
            shape = x.shape();
        }
        if (weight == null) return xhat;
        return xhat.mul(b.reshape(weight.value(), 1, c, 1, 1)).add(b.reshape(bias.value(), 1, c, 1, 1));
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        Backend b = dY.backend();
        int c = numFeatures;
        int[] axes = {0, 2, 3};
        Tensor g = dY;
        if (weight != null) {
            weight.accumulateGrad(b.sum(dY.mul(xhat), axes, false));
            bias.accumulateGrad(b.sum(dY, axes, false));
            g = dY.mul(b.reshape(weight.value(), 1, c, 1, 1));
        }
        if (!cachedTraining) return g.mul(invStd);
        // dX = invStd · (g - mean(g) - xhat·mean(g·xhat)), means over (N, H, W)
        Tensor meanG = g.mean(true, axes);
        Tensor meanGx = g.mul(xhat).mean(true, axes);
        return g.sub(meanG).sub(xhat.mul(meanGx)).mul(invStd);
    }

    @Override
    protected List<Parameter> ownParameters() { return present(weight, bias); }

    @Override
    protected Map<String, Tensor> ownBuffers() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("running_mean", runningMean);
        m.put("running_var", runningVar);
        return m;
    }

    @Override
    public String toString() {
        return "BatchNorm2d(" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null ? "True" : "False")
                + ", track_running_stats=True)";
    }
}
