package io.cnn4j.loss;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * {@code torch.nn.MSELoss(reduction='mean'|'sum')}: L = mean (or sum) of (prediction - target)² over all elements.
 * Prediction and target must have the same shape (no broadcasting, unlike PyTorch's warning-only behaviour).
 * {@link #backward()} gives dL/dprediction = 2·(p - t)/numel (mean) and {@link #targetGrad()} its negation.
 */
public class MSELoss implements Loss<Tensor> {
    private final String reduction;
    private Tensor scaledDiff; // dL/dprediction

    /** reduction = 'mean'. */
    public MSELoss() { this("mean"); }

    /** {@code reduction} is "mean" or "sum". */
    public MSELoss(String reduction) {
        if (!"mean".equals(reduction) && !"sum".equals(reduction))
            throw new IllegalArgumentException("MSELoss: reduction must be 'mean' or 'sum', got '" + reduction + "'");
        this.reduction = reduction;
    }

    /** The loss as a scalar tensor (shape {@code []}). */
    @Override
    public Tensor forward(Tensor prediction, Tensor target) {
        if (!Arrays.equals(prediction.shape(), target.shape()))
            throw new IllegalArgumentException(this + ": prediction " + Shapes.str(prediction.shape()) + " and target "
                    + Shapes.str(target.shape()) + " must have the same shape; reshape the target to " + Shapes.str(prediction.shape()));
        Shapes.requireCompatible(toString(), prediction.backend(), prediction, target);
        Tensor diff = prediction.sub(target);
        boolean mean = "mean".equals(reduction);
        double count = Math.max(1, prediction.numel());
        Tensor loss = diff.mul(diff).sumAll();
        scaledDiff = diff.mul(mean ? 2.0 / count : 2.0); // PyTorch: 2·(p - t)/numel for 'mean'
        return mean ? loss.div(count) : loss;
    }

    @Override
    public Tensor backward() {
        if (scaledDiff == null) throw new IllegalStateException(this + ": backward called before forward");
        return scaledDiff;
    }

    /** dL/dtarget for the most recent forward: {@code -backward()}. */
    public Tensor targetGrad() {
        return backward().mul(-1.0);
    }

    @Override
    public String toString() { return "mean".equals(reduction) ? "MSELoss()" : "MSELoss(reduction='" + reduction + "')"; }
}
